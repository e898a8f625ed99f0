package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /api/v1/projects/{id}/alert-rules/{rule_id}}: replaces the whole rule (absent optional fields
 * take their defaults), answering with it. Its version grows; the job applies the change within seconds,
 * and a change of how it evaluates starts its evaluation over.
 */
record ReplaceAlertRuleHandler(IssueStore issues, AlertStore alerts, KafkaPublisher publisher, AlertLimits limits)
        implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        long ruleId = RequestParams.ruleId(ctx.pathParam("rule_id"));
        AlertRuleSpec spec = AlertRuleSpec.parse(ctx.body().asString(), limits);
        AlertRuleIssue.fingerprint(issues, projectId, spec)
                .compose(fingerprint -> alerts.replace(projectId, ruleId, spec, fingerprint,
                        rule -> publisher.publish(rule.toModel())))
                .onSuccess(rule -> JsonResponses.sendJson(ctx, 200, rule.toJson()))
                .onFailure(ctx::fail);
    }
}
