package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/**
 * {@code PUT /api/v1/projects/{id}/alert-rules/{rule_id}/silence} with {@code {"snoozed_until": t}},
 * {@code {"muted_until": t}} or both (null ends one): snoozed, the rule's notifications wait until then
 * and a firing still active then notifies; muted, firings before then are never notified. A field left out
 * keeps its value. Answers with the rule.
 */
record SilenceAlertRuleHandler(AlertStore alerts, KafkaPublisher publisher) implements Handler<RoutingContext> {

    private static final Set<String> FIELDS = Set.of("snoozed_until", "muted_until");

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        long ruleId = RequestParams.ruleId(ctx.pathParam("rule_id"));
        JsonNode body = JsonBody.readObject(ctx.body().asString());
        JsonBody.checkFields(body, FIELDS, "");
        if (body.isEmpty()) {
            throw ApiException.invalidBody("nothing to change: the body needs snoozed_until, muted_until or both");
        }
        Instant snoozedUntil = AlertRuleSpec.until(body.get("snoozed_until"), "snoozed_until");
        Instant mutedUntil = AlertRuleSpec.until(body.get("muted_until"), "muted_until");
        alerts.silence(projectId, ruleId, body.has("snoozed_until"), snoozedUntil, body.has("muted_until"),
                        mutedUntil, rule -> publisher.publish(rule.toModel()))
                .onSuccess(rule -> JsonResponses.sendJson(ctx, 200, rule.toJson()))
                .onFailure(ctx::fail);
    }
}
