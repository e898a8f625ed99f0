package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/projects/{id}/alert-rules?limit=}: the project's alert rules, oldest first. */
record AlertRulesHandler(AlertStore alerts) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        int limit = RequestParams.limit(ctx.queryParams().get("limit"));
        alerts.list(projectId, limit)
                .onSuccess(rules -> {
                    JsonArray data = new JsonArray();
                    rules.forEach(rule -> data.add(rule.toJson()));
                    JsonResponses.sendJson(ctx, 200, new JsonObject().put("data", data));
                })
                .onFailure(ctx::fail);
    }
}
