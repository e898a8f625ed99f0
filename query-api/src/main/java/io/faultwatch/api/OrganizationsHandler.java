package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /api/v1/organizations}: the organizations the token sees, which is its own. */
record OrganizationsHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.organization(TokenAuthentication.caller(ctx).organizationId())
                .onSuccess(organization -> JsonResponses.sendJson(ctx, 200,
                        TenantRows.list(List.of(organization.toJson()))))
                .onFailure(ctx::fail);
    }
}
