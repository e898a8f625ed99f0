package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/organizations/{org_id}/projects}: the organization's projects with their settings. */
record ProjectsHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.projects(TokenAuthentication.caller(ctx).organizationId())
                .onSuccess(projects -> JsonResponses.sendJson(ctx, 200,
                        TenantRows.list(projects.stream().map(TenantRows.Project::toJson).toList())))
                .onFailure(ctx::fail);
    }
}
