package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/organizations/{org_id}/tokens} (admin): the organization's tokens, never their secrets. */
record TokensHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.tokens(TokenAuthentication.caller(ctx).organizationId())
                .onSuccess(tokens -> JsonResponses.sendJson(ctx, 200,
                        TenantRows.list(tokens.stream().map(TenantRows.Token::toJson).toList())))
                .onFailure(ctx::fail);
    }
}
