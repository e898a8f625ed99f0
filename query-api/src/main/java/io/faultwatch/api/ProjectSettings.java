package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A project's settings (projects table, migrations V2, V4 and V5): what the gateway applies to its events
 * and how long ClickHouse keeps its data.
 *
 * @param rateLimitPerMinute items per minute per data category; null: only the gateway's global limit
 * @param scrubData          server-side PII scrubbing
 * @param storeUserIp        keep users' IP addresses as sent instead of a hash
 * @param sampleRate         the share of error events kept, 0 to 1
 */
record ProjectSettings(Integer rateLimitPerMinute, boolean scrubData, boolean storeUserIp, double sampleRate,
                       int metricsRetentionDays, int eventsRetentionDays) {

    /** The migrations' column defaults. */
    static final ProjectSettings DEFAULTS = new ProjectSettings(null, true, false, 1.0, 90, 30);
    static final int MAX_RATE_LIMIT = 100_000_000;
    static final int MAX_RETENTION_DAYS = 3650;
    static final Set<String> FIELDS = Set.of("rate_limit_per_minute", "scrub_data", "store_user_ip", "sample_rate",
            "metrics_retention_days", "events_retention_days");

    /** These settings with the fields {@code body} names changed; the ones it leaves out are kept. */
    ProjectSettings with(JsonNode body, String prefix) {
        JsonBody.checkFields(body, FIELDS, prefix);
        Integer rateLimit = rateLimitPerMinute;
        if (body.has("rate_limit_per_minute")) {
            JsonNode value = body.get("rate_limit_per_minute");
            rateLimit = value.isNull() ? null
                    : JsonBody.integer(value, prefix + "rate_limit_per_minute", 1, MAX_RATE_LIMIT);
        }
        return new ProjectSettings(rateLimit,
                body.has("scrub_data") ? JsonBody.bool(body.get("scrub_data"), prefix + "scrub_data") : scrubData,
                body.has("store_user_ip") ? JsonBody.bool(body.get("store_user_ip"), prefix + "store_user_ip") : storeUserIp,
                body.has("sample_rate") ? sampleRate(body.get("sample_rate"), prefix + "sample_rate") : sampleRate,
                body.has("metrics_retention_days") ? JsonBody.integer(body.get("metrics_retention_days"),
                        prefix + "metrics_retention_days", 1, MAX_RETENTION_DAYS) : metricsRetentionDays,
                body.has("events_retention_days") ? JsonBody.integer(body.get("events_retention_days"),
                        prefix + "events_retention_days", 1, MAX_RETENTION_DAYS) : eventsRetentionDays);
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("rate_limit_per_minute", rateLimitPerMinute)
                .put("scrub_data", scrubData)
                .put("store_user_ip", storeUserIp)
                .put("sample_rate", sampleRate)
                .put("metrics_retention_days", metricsRetentionDays)
                .put("events_retention_days", eventsRetentionDays);
    }

    private static double sampleRate(JsonNode value, String field) {
        if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw ApiException.invalidParameter(field, field + " must be a number from 0 to 1, got "
                    + RequestParams.echo(value == null ? null : value.toString()));
        }
        return value.asDouble();
    }
}
