package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * {@code POST /api/v1/projects/{id}/keys/{public_key}/rotate} (admin): disables the key and answers with its
 * replacement. Within the gateway's key refresh (30 s at most) the old DSN is refused and the new one taken.
 */
record RotateKeyHandler(TenantStore tenants, URI gateway) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.rotateKey(RequestParams.projectId(ctx.pathParam("id")), ctx.pathParam("public_key"))
                .onSuccess(key -> JsonResponses.sendJson(ctx, 201, key.toJson(gateway)))
                .onFailure(ctx::fail);
    }
}
