package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /api/v1/organizations/{org_id}/tokens/{token_id}} (admin): revokes the token at once (every
 * request re-checks it) and answers with it, {@code revoked_at} set. The row stays, for the record.
 */
record RevokeTokenHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long tokenId = RequestParams.positiveId("token_id", ctx.pathParam("token_id"));
        tenants.revokeToken(TokenAuthentication.caller(ctx).organizationId(), tokenId)
                .onSuccess(token -> JsonResponses.sendJson(ctx, 200, token.toJson()))
                .onFailure(ctx::fail);
    }
}
