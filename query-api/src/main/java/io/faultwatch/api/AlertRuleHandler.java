package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/projects/{id}/alert-rules/{rule_id}}: one rule. */
record AlertRuleHandler(AlertStore alerts) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        long ruleId = RequestParams.ruleId(ctx.pathParam("rule_id"));
        alerts.get(projectId, ruleId)
                .onSuccess(rule -> JsonResponses.sendJson(ctx, 200, rule.toJson()))
                .onFailure(ctx::fail);
    }
}
