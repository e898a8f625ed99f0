package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/organizations/{org_id}}: the token's organization ({@link TenantAccess} refuses others). */
record OrganizationHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.organization(TokenAuthentication.caller(ctx).organizationId())
                .onSuccess(organization -> JsonResponses.sendJson(ctx, 200, organization.toJson()))
                .onFailure(ctx::fail);
    }
}
