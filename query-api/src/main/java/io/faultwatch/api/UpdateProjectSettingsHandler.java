package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /api/v1/projects/{id}/settings} (admin): changes the fields the body names and keeps the others;
 * answers with all settings. The gateway applies them within its key refresh (30 s at most); retention
 * applies to data written from then on.
 */
record UpdateProjectSettingsHandler(TenantStore tenants) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        JsonNode body = JsonBody.readObject(ctx.body().asString());
        if (body.isEmpty()) {
            throw ApiException.invalidBody("nothing to change: name at least one of "
                    + String.join(", ", ProjectSettings.FIELDS.stream().sorted().toList()));
        }
        // Checked before the row is locked, so a bad body never touches the database.
        ProjectSettings.DEFAULTS.with(body, "");
        tenants.updateSettings(projectId, current -> current.with(body, ""))
                .onSuccess(project -> JsonResponses.sendJson(ctx, 200, project.settings().toJson()))
                .onFailure(ctx::fail);
    }
}
