package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Set;

/**
 * {@code POST /api/v1/organizations/{org_id}/projects} (admin), body {@code {"name", "slug", "settings"}}
 * (slug and settings optional): a project with one DSN key, answered with the DSN for its SDKs.
 */
record CreateProjectHandler(TenantStore tenants, URI gateway) implements Handler<RoutingContext> {

    private static final Set<String> FIELDS = Set.of("name", "slug", "settings");

    @Override
    public void handle(RoutingContext ctx) {
        JsonNode body = JsonBody.readObject(ctx.body().asString());
        JsonBody.checkFields(body, FIELDS, "");
        String name = JsonBody.name(body, "name");
        String slug = JsonBody.slug(body, name);
        JsonNode settings = body.get("settings");
        if (settings != null && !settings.isObject()) {
            throw ApiException.invalidParameter("settings", "settings must be an object");
        }
        ProjectSettings chosen = settings == null ? ProjectSettings.DEFAULTS
                : ProjectSettings.DEFAULTS.with(settings, "settings.");
        tenants.createProject(TokenAuthentication.caller(ctx).organizationId(), slug, name, chosen)
                .onSuccess(created -> {
                    var key = created.key().toJson(gateway);
                    JsonResponses.sendJson(ctx, 201, created.project().toJson()
                            .put("dsn", key.getString("dsn")).put("key", key));
                })
                .onFailure(ctx::fail);
    }
}
