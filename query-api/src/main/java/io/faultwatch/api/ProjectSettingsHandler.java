package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/projects/{id}/settings}: rate limit, scrubbing, sampling and retention. */
record ProjectSettingsHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.project(RequestParams.projectId(ctx.pathParam("id")))
                .onSuccess(project -> JsonResponses.sendJson(ctx, 200, project.settings().toJson()))
                .onFailure(ctx::fail);
    }
}
