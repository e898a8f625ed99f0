package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /api/v1/projects/{id}/alert-rules/{rule_id}}: deletes the rule (204) and publishes its
 * tombstone; the job drops the rule's state at once. Its notification history stays.
 */
record DeleteAlertRuleHandler(AlertStore alerts, KafkaPublisher publisher) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        long ruleId = RequestParams.ruleId(ctx.pathParam("rule_id"));
        alerts.delete(projectId, ruleId, publisher::publishDeletion)
                .onSuccess(deleted -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }
}
