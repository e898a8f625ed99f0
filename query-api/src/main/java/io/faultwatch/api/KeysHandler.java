package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/** {@code GET /api/v1/projects/{id}/keys}: the project's DSN keys, enabled and disabled, with their DSNs. */
record KeysHandler(TenantStore tenants, URI gateway) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        tenants.keys(RequestParams.projectId(ctx.pathParam("id")))
                .onSuccess(keys -> JsonResponses.sendJson(ctx, 200,
                        TenantRows.list(keys.stream().map(key -> key.toJson(gateway)).toList())))
                .onFailure(ctx::fail);
    }
}
