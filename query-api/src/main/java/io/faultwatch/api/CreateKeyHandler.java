package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/** {@code POST /api/v1/projects/{id}/keys} (admin): one more DSN key; the gateway takes it within 30 s. */
record CreateKeyHandler(TenantStore tenants, URI gateway) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.createKey(RequestParams.projectId(ctx.pathParam("id")))
                .onSuccess(key -> JsonResponses.sendJson(ctx, 201, key.toJson(gateway)))
                .onFailure(ctx::fail);
    }
}
