package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/projects/{id}/alert-rules}: creates a rule ({@link AlertRuleSpec}), answering 201 with
 * it. It is committed only once fw.alert-rules has it, so the job applies it within seconds.
 */
final class CreateAlertRuleHandler implements Handler<RoutingContext> {

    private final IssueStore issues;
    private final AlertStore alerts;
    private final KafkaPublisher publisher;
    private final AlertLimits limits;

    CreateAlertRuleHandler(IssueStore issues, AlertStore alerts, KafkaPublisher publisher, AlertLimits limits) {
        this.issues = issues;
        this.alerts = alerts;
        this.publisher = publisher;
        this.limits = limits;
    }

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
