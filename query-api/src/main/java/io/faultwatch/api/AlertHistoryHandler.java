package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/projects/{id}/alert-history?rule=&limit=}: the project's notifications (of one rule),
 * newest first, each with its delivery status and every delivery attempt.
 */
record AlertHistoryHandler(AlertStore alerts) implements Handler<RoutingContext> {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        Long ruleId = RequestParams.optionalId("rule", ctx.queryParams().get("rule"));
        int limit = RequestParams.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        alerts.history(projectId, ruleId, limit)
                .onSuccess(notifications -> JsonResponses.sendJson(ctx, 200,
                        new JsonObject().put("data", new JsonArray(notifications))))
                .onFailure(ctx::fail);
    }
}
