package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Set;

/**
 * {@code PUT /api/v1/projects/{id}/keys/{public_key}} (admin), body {@code {"active": false}}: disables (or
 * enables again) a DSN key; the gateway refuses (or accepts) it within its key refresh, 30 s at most.
 */
record UpdateKeyHandler(TenantStore tenants, URI gateway) implements Handler<RoutingContext> {

    private static final Set<String> FIELDS = Set.of("active");

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        JsonNode body = JsonBody.readObject(ctx.body().asString());
        JsonBody.checkFields(body, FIELDS, "");
        boolean active = JsonBody.bool(body.get("active"), "active");
        tenants.setKeyActive(projectId, ctx.pathParam("public_key"), active)
                .onSuccess(key -> JsonResponses.sendJson(ctx, 200, key.toJson(gateway)))
                .onFailure(ctx::fail);
    }
}
