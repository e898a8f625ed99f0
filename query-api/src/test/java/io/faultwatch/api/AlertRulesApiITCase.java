package io.faultwatch.api;

import static io.faultwatch.api.ApiTestKit.JSON;
import static io.faultwatch.api.ApiTestKit.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alert rule routes on the real PostgreSQL and Kafka: what they store, publish, and refuse. */
class AlertRulesApiITCase {

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final String RULES = "/api/v1/projects/" + PROJECT + "/alert-rules";
    private static final String SPIKE = """
            {"name": "checkout spike", "kind": "spike", "window_seconds": 300, "threshold": 3,
             "resolve_threshold": 1.5, "filters": {"environment": "production", "tags": {"region": "eu-*"}},
             "params": {"baseline_windows": 4, "min_count": 10},
             "channels": [{"type": "slack", "target": "https://hooks.slack.example/T1/B1/x"}]}""";

    private static ApiTestKit api;
    private static long issueId;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestKit.start();
        api.createProjects(PROJECT);
        try (Connection pg = LocalServices.postgres()) {
            issueId = ApiTestKit.insertIssue(pg, PROJECT, "fp-checkout", "Checkout failed", "Checkout.pay", "error",
                    "2026-11-22T10:00:00Z", "2026-11-22T10:05:00Z", 3);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void createReadReplaceSilenceAndDeleteEachPublishTheRule() throws Exception {
        Map<TopicPartition, Long> start = LocalServices.endOffsets(Topics.ALERT_RULES);

        JsonNode created = api.post(RULES, SPIKE, 201);
        long id = created.get("id").asLong();
        assertThat(created.get("created_at").asText()).isEqualTo(created.get("updated_at").asText());
        ObjectNode expected = (ObjectNode) JSON.readTree("""
                {"id": %d, "project_id": %d, "name": "checkout spike", "kind": "spike", "enabled": true, "per_issue": false,
                 "window_seconds": 300, "threshold": 3.0, "resolve_threshold": 1.5,
                 "filters": {"environment": "production", "tags": {"region": "eu-*"}},
                 "params": {"baseline_windows": 4, "min_count": 10}, "action_interval_seconds": 1800,
                 "channels": [{"type": "slack", "target": "https://hooks.slack.example/T1/B1/x"}],
                 "snoozed_until": null, "muted_until": null, "version": 1}""".formatted(id, PROJECT));
        expected.set("created_at", created.get("created_at"));
        expected.set("updated_at", created.get("updated_at"));
        assertThat(created).isEqualTo(expected);
        assertThat(api.get(RULES + "/" + id, 200)).isEqualTo(created);
        assertThat(api.get(RULES, 200).get("data")).containsExactly(created);

        JsonNode replaced = api.put(RULES + "/" + id, """
                {"name": "checkout errors", "kind": "event_count", "window_seconds": 60, "threshold": 100,
                 "per_issue": true, "filters": {"level": "error", "issue": %d}, "action_interval_seconds": 600}"""
                .formatted(issueId), 200);
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
        assertThat(replaced.get("resolve_threshold").asDouble()).as("defaults to the threshold").isEqualTo(100.0);
        assertThat(replaced.get("filters")).isEqualTo(JSON.readTree("{\"level\": \"error\", \"issue\": " + issueId + "}"));
        assertThat(replaced.get("channels")).isEmpty();

        JsonNode silenced = api.put(RULES + "/" + id + "/silence", "{\"snoozed_until\": \"2026-12-01T00:00:00Z\"}", 200);
        assertThat(silenced.get("snoozed_until").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(silenced.get("muted_until").isNull()).isTrue();
        assertThat(silenced.get("version").asLong()).isEqualTo(3);
        JsonNode unsnoozed = api.put(RULES + "/" + id + "/silence", "{\"snoozed_until\": null, \"muted_until\": 1796083200}", 200);
        assertThat(unsnoozed.get("snoozed_until").isNull()).isTrue();
        assertThat(unsnoozed.get("muted_until").asText()).isEqualTo("2026-12-01T00:00:00Z");

        assertThat(api.delete(RULES + "/" + id, 204)).isNull();
        assertThat(api.get(RULES + "/" + id, 404)).isEqualTo(error("not_found",
                "alert rule " + id + " does not exist in project " + PROJECT, "rule_id"));

        List<ConsumerRecord<byte[], byte[]>> published = publishedFor(start, id, 5);
        assertThat(published).hasSize(5);
        AlertRule first = RecordJson.fromBytes(published.get(0).value(), AlertRule.class);
        assertThat(first).isEqualTo(new AlertRule(id, PROJECT, 1, "checkout spike", AlertKind.SPIKE, true, 300, 3, 1.5,
                false, "production", null, null, Map.of("region", "eu-*"), 4, 10, null, Map.of(), 1800,
                List.of(new AlertChannel(AlertChannel.Type.SLACK, "https://hooks.slack.example/T1/B1/x")), null, null,
                Instant.parse(created.get("updated_at").asText()).toEpochMilli()));
        AlertRule second = RecordJson.fromBytes(published.get(1).value(), AlertRule.class);
        assertThat(second.issue()).as("the job filters on the fingerprint").isEqualTo("fp-checkout");
        assertThat(second.perIssue()).isTrue();
        assertThat(RecordJson.fromBytes(published.get(2).value(), AlertRule.class).snoozedUntil())
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(RecordJson.fromBytes(published.get(3).value(), AlertRule.class).mutedUntil())
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(published.get(4).value()).as("a tombstone").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing name | {\"kind\": \"event_count\", \"window_seconds\": 60, \"threshold\": 1} | name | name is required",
            "unknown kind | {\"name\": \"x\", \"kind\": \"volume\"} | kind | kind must be one of event_count, error_rate, spike, new_issue, regression, consecutive_failures, got '\"volume\"'",
            "unknown field | {\"name\": \"x\", \"kind\": \"new_issue\", \"colour\": 1} | colour | unknown field 'colour'; expected action_interval_seconds, channels, enabled, filters, kind, muted_until, name, params, per_issue, resolve_threshold, snoozed_until, threshold, window_seconds",
            "window too short | {\"name\": \"x\", \"kind\": \"event_count\", \"window_seconds\": 30, \"threshold\": 1} | window_seconds | window_seconds must be a whole number from 60 to 86400, got '30'",
            "window too long | {\"name\": \"x\", \"kind\": \"event_count\", \"window_seconds\": 86401, \"threshold\": 1} | window_seconds | window_seconds must be a whole number from 60 to 86400, got '86401'",
            "no threshold | {\"name\": \"x\", \"kind\": \"event_count\", \"window_seconds\": 60} | threshold | threshold is required",
            "hysteresis upside down | {\"name\": \"x\", \"kind\": \"event_count\", \"window_seconds\": 60, \"threshold\": 5, \"resolve_threshold\": 6} | resolve_threshold | resolve_threshold must not be above threshold (5.0), got 6.0",
            "rate over 100% | {\"name\": \"x\", \"kind\": \"error_rate\", \"window_seconds\": 60, \"threshold\": 120} | threshold | threshold is a percentage of sessions for params.source sessions: 0 to 100, got 120.0",
            "spike factor below 1 | {\"name\": \"x\", \"kind\": \"spike\", \"window_seconds\": 60, \"threshold\": 0.5} | threshold | threshold is the factor over the baseline for a spike: at least 1, got 0.5",
            "too many baseline windows | {\"name\": \"x\", \"kind\": \"spike\", \"window_seconds\": 60, \"threshold\": 2, \"params\": {\"baseline_windows\": 25}} | params.baseline_windows | params.baseline_windows must be a whole number from 1 to 24, got '25'",
            "param of another kind | {\"name\": \"x\", \"kind\": \"event_count\", \"window_seconds\": 60, \"threshold\": 2, \"params\": {\"min_count\": 2}} | params.min_count | unknown field 'params.min_count'; expected ",
            "no failure tags | {\"name\": \"x\", \"kind\": \"consecutive_failures\", \"window_seconds\": 60, \"threshold\": 3} | params.failure_tags | params.failure_tags must name at least one tag that marks a failure, e.g. {\"status_code\": \"5xx\"}",
            "window on a lifecycle rule | {\"name\": \"x\", \"kind\": \"new_issue\", \"window_seconds\": 60} | window_seconds | window_seconds does not apply to new_issue rules",
            "tags on a lifecycle rule | {\"name\": \"x\", \"kind\": \"regression\", \"filters\": {\"tags\": {\"a\": \"b\"}}} | filters.tags | filters.tags does not apply to new-issue and regression rules (their events carry no tags)",
            "per-issue session rate | {\"name\": \"x\", \"kind\": \"error_rate\", \"window_seconds\": 60, \"threshold\": 5, \"per_issue\": true} | per_issue | an error rate from sessions cannot be per issue: sessions belong to no issue",
            "bad level | {\"name\": \"x\", \"kind\": \"new_issue\", \"filters\": {\"level\": \"panic\"}} | filters.level | filters.level must be one of fatal, error, warning, info, debug, got '\"panic\"'",
            "unknown issue | {\"name\": \"x\", \"kind\": \"new_issue\", \"filters\": {\"issue\": 999999999999}} | filters.issue | issue 999999999999 does not exist in project %d",
            "bad channel type | {\"name\": \"x\", \"kind\": \"new_issue\", \"channels\": [{\"type\": \"sms\", \"target\": \"+1\"}]} | channels[0].type | channels[0].type must be slack, webhook or email, got '\"sms\"'",
            "channel not a URL | {\"name\": \"x\", \"kind\": \"new_issue\", \"channels\": [{\"type\": \"webhook\", \"target\": \"https://ok.example/a\"}, {\"type\": \"slack\", \"target\": \"ftp://x\"}]} | channels[1].target | channels[1].target must be an http or https URL, got 'ftp://x'",
            "email without SMTP | {\"name\": \"x\", \"kind\": \"new_issue\", \"channels\": [{\"type\": \"email\", \"target\": \"oncall@example.com\"}]} | channels[0].type | email is not configured on this server (FW_SMTP_HOST is not set)",
            "bad snooze time | {\"name\": \"x\", \"kind\": \"new_issue\", \"snoozed_until\": \"tomorrow\"} | snoozed_until | snoozed_until must be null, an ISO-8601 instant such as 2026-12-01T00:00:00Z or epoch seconds up to 9999-12-31T23:59:59Z, got '\"tomorrow\"'",
    })
    void refusesABadRuleNamingTheFieldAndKeepsNothing(String what, String body, String field, String message)
            throws Exception {
        Map<TopicPartition, Long> start = LocalServices.endOffsets(Topics.ALERT_RULES);
        int before = api.get(RULES, 200).get("data").size();

        JsonNode refused = api.post(RULES, body, 400);

        assertThat(refused.get("error").get("code").asText()).isEqualTo("invalid_parameter");
        assertThat(refused.get("error").get("field").asText()).isEqualTo(field);
        assertThat(refused.get("error").get("message").asText()).startsWith(message.formatted(PROJECT));
        assertThat(api.get(RULES, 200).get("data")).hasSize(before);
        assertThat(LocalServices.endOffsets(Topics.ALERT_RULES)).as("nothing published").isEqualTo(start);
    }

    @Test
    void refusesBodiesThatAreNotObjectsAndUnknownRulesAndProjects() throws Exception {
        assertThat(api.post(RULES, "[1]", 400)).isEqualTo(error("invalid_body", "the body must be a JSON object", null));
        assertThat(api.put(RULES + "/999999999", SPIKE, 404)).isEqualTo(error("not_found",
                "alert rule 999999999 does not exist in project " + PROJECT, "rule_id"));
        assertThat(api.delete(RULES + "/999999999", 404).get("error").get("field").asText()).isEqualTo("rule_id");
        assertThat(api.put(RULES + "/x/silence", "{}", 400).get("error").get("field").asText()).isEqualTo("rule_id");
        assertThat(api.post("/api/v1/projects/999999999999/alert-rules", SPIKE, 404).get("error").get("field").asText())
                .isEqualTo("id");
        long id = api.post(RULES, SPIKE, 201).get("id").asLong();
        assertThat(api.put(RULES + "/" + id + "/silence", "{}", 400)).isEqualTo(error("invalid_body",
                "nothing to change: the body needs snoozed_until, muted_until or both", null));
        assertThat(api.put(RULES + "/" + id + "/silence", "{\"until\": 1}", 400).get("error").get("field").asText())
                .isEqualTo("until");
        assertThat(api.get(RULES + "/" + id, 200).get("version").asLong()).as("unchanged").isEqualTo(1);
        api.delete(RULES + "/" + id, 204);
    }

    @Test
    void historyListsNotificationsNewestFirstWithEveryDeliveryAttempt() throws Exception {
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        try (Connection pg = LocalServices.postgres()) {
            ApiTestKit.execute(pg, "INSERT INTO alert_history (notification_id, rule_id, project_id, state, payload,"
                    + " triggered_at, status) VALUES (?, 41, ?, 'FIRING', '{\"value\": 12}'::jsonb,"
                    + " '2026-11-22T10:00:00Z', 'delivered')", older, PROJECT);
            ApiTestKit.execute(pg, "INSERT INTO alert_history (notification_id, rule_id, project_id, state, payload,"
                    + " triggered_at, status) VALUES (?, 42, ?, 'FIRING', '{\"value\": 3}'::jsonb,"
                    + " '2026-11-22T11:00:00Z', 'failed')", newer, PROJECT);
            for (int attempt = 1; attempt <= 2; attempt++) {
                ApiTestKit.execute(pg, "INSERT INTO alert_deliveries (notification_id, channel_type, target, attempt,"
                        + " status, http_status, error, sent_at, latency_ms) VALUES (?, 'webhook', 'http://x', ?, ?,"
                        + " 503, 'HTTP 503', '2026-11-22T11:00:01Z', 7)", newer, attempt, attempt == 1 ? "retry" : "failed");
            }
        }

        JsonNode all = api.get("/api/v1/projects/" + PROJECT + "/alert-history", 200).get("data");
        JsonNode ofRule42 = api.get("/api/v1/projects/" + PROJECT + "/alert-history?rule=42&limit=5", 200).get("data");

        assertThat(all).extracting(n -> n.get("notification_id").asText())
                .containsExactly(newer.toString(), older.toString());
        assertThat(ofRule42).hasSize(1);
        assertThat(ofRule42.get(0).get("notification")).isEqualTo(JSON.readTree("{\"value\": 3}"));
        assertThat(ofRule42.get(0).get("deliveries")).isEqualTo(JSON.readTree("""
                [{"channel": "webhook", "target": "http://x", "attempt": 1, "status": "retry", "http_status": 503,
                  "error": "HTTP 503", "sent_at": "2026-11-22T11:00:01Z", "latency_ms": 7},
                 {"channel": "webhook", "target": "http://x", "attempt": 2, "status": "failed", "http_status": 503,
                  "error": "HTTP 503", "sent_at": "2026-11-22T11:00:01Z", "latency_ms": 7}]"""));
        assertThat(api.get("/api/v1/projects/" + PROJECT + "/alert-history?rule=0", 400).get("error").get("field")
                .asText()).isEqualTo("rule");
        assertThat(api.get("/api/v1/projects/" + PROJECT + "/alert-history?limit=501", 400).get("error").get("field")
                .asText()).isEqualTo("limit");
    }

    /** The records of one rule published since {@code start}; waits briefly for one more, so an extra shows. */
    private static List<ConsumerRecord<byte[], byte[]>> publishedFor(Map<TopicPartition, Long> start, long ruleId,
                                                                     int expected) {
        String key = AlertRule.topicKey(ruleId);
        return new ArrayList<>(LocalServices.awaitRecords(Topics.ALERT_RULES, start, expected + 1, Duration.ofSeconds(3),
                record -> key.equals(new String(record.key(), StandardCharsets.UTF_8))
                        ? record.partition() + "@" + record.offset() : null).values());
    }
}
