package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/projects/{id}/alert-rules}: creates a rule ({@link AlertRuleSpec}), answering 201 with
 * it. It is committed only once fw.alert-rules has it, so the job applies it within seconds.
 */
record CreateAlertRuleHandler(IssueStore issues, AlertStore alerts, KafkaPublisher publisher, AlertLimits limits)
        implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        AlertRuleSpec spec = AlertRuleSpec.parse(ctx.body().asString(), limits);
        AlertRuleIssue.fingerprint(issues, projectId, spec)
                .compose(fingerprint -> alerts.create(projectId, spec, fingerprint,
                        rule -> publisher.publish(rule.toModel())))
                .onSuccess(rule -> JsonResponses.sendJson(ctx, 201, rule.toJson()))
                .onFailure(ctx::fail);
    }
}
