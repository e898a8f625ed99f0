package io.faultwatch.api;

import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * A row of PostgreSQL {@code alert_rules}: the rule as the API shows it and as it is published for the job.
 *
 * @param issueFingerprint the fingerprint of the issue filter, or null
 */
public record AlertRuleRow(long id, long projectId, long version, AlertRuleSpec spec, String issueFingerprint,
                           Instant createdAt, Instant updatedAt) {

    /** The record of fw.alert-rules. */
    public AlertRule toModel() {
        return new AlertRule(id, projectId, version, spec.name(), spec.kind(), spec.enabled(), spec.windowSeconds(),
                spec.threshold(), spec.resolveThreshold(), spec.perIssue(), spec.environment(), spec.level(),
                issueFingerprint, spec.tags(), spec.baselineWindows(), spec.minCount(), spec.rateSource(),
                spec.failureTags(), spec.actionIntervalSeconds(), spec.channels(), millis(spec.snoozedUntil()),
                millis(spec.mutedUntil()), updatedAt.toEpochMilli());
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("project_id", projectId)
                .put("name", spec.name())
                .put("kind", spec.kind().wireName())
                .put("enabled", spec.enabled())
                .put("per_issue", spec.perIssue())
                .put("window_seconds", spec.windowSeconds())
                .put("threshold", spec.threshold())
                .put("resolve_threshold", spec.resolveThreshold())
                .put("filters", filters(spec))
                .put("params", params(spec))
                .put("action_interval_seconds", spec.actionIntervalSeconds())
                .put("channels", channels(spec))
                .put("snoozed_until", text(spec.snoozedUntil()))
                .put("muted_until", text(spec.mutedUntil()))
                .put("version", version)
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }

    /** The {@code filters} column; {@code fingerprint} is kept beside the issue id for the job. */
    static JsonObject filters(AlertRuleSpec spec) {
        JsonObject filters = new JsonObject();
        putIfSet(filters, "environment", spec.environment());
        putIfSet(filters, "level", spec.level());
        putIfSet(filters, "issue", spec.issueId());
        if (!spec.tags().isEmpty()) {
            filters.put("tags", tags(spec.tags()));
        }
        return filters;
    }

    /** The {@code params} column: only what the kind uses. */
    static JsonObject params(AlertRuleSpec spec) {
        return switch (spec.kind()) {
            case SPIKE -> new JsonObject().put("baseline_windows", spec.baselineWindows()).put("min_count", spec.minCount());
            case ERROR_RATE -> AlertRule.RATE_FROM_SESSIONS.equals(spec.rateSource())
                    ? new JsonObject().put("source", spec.rateSource()).put("min_sessions", spec.minCount())
                    : new JsonObject().put("source", spec.rateSource());
            case CONSECUTIVE_FAILURES -> new JsonObject().put("failure_tags", tags(spec.failureTags()));
            default -> new JsonObject();
        };
    }

    static JsonArray channels(AlertRuleSpec spec) {
        JsonArray channels = new JsonArray();
        for (AlertChannel channel : spec.channels()) {
            channels.add(new JsonObject().put("type", channel.type().wireName()).put("target", channel.target()));
        }
        return channels;
    }

    private static JsonObject tags(Map<String, String> tags) {
        JsonObject json = new JsonObject();
        tags.forEach(json::put);
        return json;
    }

    private static void putIfSet(JsonObject object, String field, Object value) {
        if (value != null) {
            object.put(field, value);
        }
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
