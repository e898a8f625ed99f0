package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validated body of {@code POST} and {@code PUT /api/v1/projects/{id}/alert-rules[/{rule_id}]}: a whole
 * rule (a PUT replaces every field; absent optional fields take their defaults). Every refusal names the
 * field, with its path in the body ({@code filters.tags.region}, {@code channels[1].target}). See
 * docs/alerting.md for the fields of each kind.
 *
 * @param issueId the issue filter as the API names issues (its id); the handler resolves its fingerprint
 */
public record AlertRuleSpec(
        String name,
        AlertKind kind,
        boolean enabled,
        boolean perIssue,
        long windowSeconds,
        double threshold,
        double resolveThreshold,
        String environment,
        String level,
        Long issueId,
        Map<String, String> tags,
        int baselineWindows,
        long minCount,
        String rateSource,
        Map<String, String> failureTags,
        long actionIntervalSeconds,
        List<AlertChannel> channels,
        Instant snoozedUntil,
        Instant mutedUntil) {

    static final long MAX_WINDOW_SECONDS = 86_400;
    static final long DEFAULT_ACTION_INTERVAL_SECONDS = 1_800;
    static final long MAX_ACTION_INTERVAL_SECONDS = 7 * 86_400;
    static final int MAX_BASELINE_WINDOWS = 24;
    static final int DEFAULT_BASELINE_WINDOWS = 3;
    static final int MAX_CHANNELS = 10;
    static final int MAX_TAGS = 20;
    static final int MAX_TEXT = 200;
    static final int MAX_TARGET = 2_000;
    static final double MAX_THRESHOLD = 1e12;
    static final Instant MAX_UNTIL = Instant.parse("9999-12-31T23:59:59Z");

    private static final Set<String> FIELDS = Set.of("name", "kind", "enabled", "per_issue", "window_seconds",
            "threshold", "resolve_threshold", "filters", "params", "action_interval_seconds", "channels",
            "snoozed_until", "muted_until");
    private static final Set<String> FILTERS = Set.of("environment", "level", "issue", "tags");
    private static final Set<String> CHANNEL_FIELDS = Set.of("type", "target");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+");
    private static final String KINDS = Arrays.stream(AlertKind.values()).map(AlertKind::wireName)
            .collect(Collectors.joining(", "));

    /**
     * @param limits the smallest window and action interval allowed, and whether email can be delivered
     */
    public static AlertRuleSpec parse(String body, AlertLimits limits) {
        JsonNode root = JsonBody.readObject(body);
        JsonBody.checkFields(root, FIELDS, "");
        String name = text(root.get("name"), "name", true);
        AlertKind kind = kind(root.get("kind"));
        boolean lifecycle = kind.isLifecycle();
        boolean enabled = bool(root.get("enabled"), "enabled", true);

        JsonNode params = root.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw ApiException.invalidParameter("params", "params must be an object");
        }
        Params kindParams = params(kind, params == null || params.isNull() ? null : params);
        boolean sessions = AlertRule.RATE_FROM_SESSIONS.equals(kindParams.rateSource);

        boolean perIssue = bool(root.get("per_issue"), "per_issue", false);
        if (perIssue && (lifecycle || sessions)) {
            throw ApiException.invalidParameter("per_issue", lifecycle
                    ? kind.wireName() + " rules are always per issue; leave per_issue out"
                    : "an error rate from sessions cannot be per issue: sessions belong to no issue");
        }
        long window = lifecycle ? absent(root, "window_seconds", kind, limits.minWindowSeconds())
                : whole(root.get("window_seconds"), "window_seconds", limits.minWindowSeconds(), MAX_WINDOW_SECONDS, null);
        double threshold = lifecycle ? absent(root, "threshold", kind, 0) : threshold(kind, kindParams, root.get("threshold"));
        double resolve = lifecycle ? absent(root, "resolve_threshold", kind, 0)
                : resolveThreshold(kind, threshold, root.get("resolve_threshold"));

        Filters filters = filters(root.get("filters"), lifecycle, sessions);
        long interval = whole(root.get("action_interval_seconds"), "action_interval_seconds",
                limits.minWindowSeconds(), MAX_ACTION_INTERVAL_SECONDS, DEFAULT_ACTION_INTERVAL_SECONDS);
        List<AlertChannel> channels = channels(root.get("channels"), limits);
        return new AlertRuleSpec(name, kind, enabled, perIssue, window, threshold, resolve, filters.environment,
                filters.level, filters.issueId, filters.tags, kindParams.baselineWindows, kindParams.minCount,
                kindParams.rateSource, kindParams.failureTags, interval, channels,
                until(root.get("snoozed_until"), "snoozed_until"), until(root.get("muted_until"), "muted_until"));
    }

    /** A time in a body: an ISO-8601 instant or epoch seconds; null or absent clears it. */
    static Instant until(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        Instant until = null;
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
            until = Instant.ofEpochSecond(Math.min(value.asLong(), MAX_UNTIL.getEpochSecond() + 1));
        } else if (value.isTextual()) {
            try {
                until = Instant.parse(value.asText()).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                until = null;
            }
        }
        if (until == null || until.isAfter(MAX_UNTIL)) {
            throw ApiException.invalidParameter(field, field + " must be null, an ISO-8601 instant such as "
                    + "2026-12-01T00:00:00Z or epoch seconds up to " + MAX_UNTIL + ", got "
                    + RequestParams.echo(value.toString()));
        }
        return until;
    }

    private record Params(int baselineWindows, long minCount, String rateSource, Map<String, String> failureTags) {}

    private record Filters(String environment, String level, Long issueId, Map<String, String> tags) {}

    private static Params params(AlertKind kind, JsonNode params) {
        return switch (kind) {
            case SPIKE -> {
                checkParams(params, Set.of("baseline_windows", "min_count"));
                yield new Params((int) whole(get(params, "baseline_windows"), "params.baseline_windows", 1,
                        MAX_BASELINE_WINDOWS, (long) DEFAULT_BASELINE_WINDOWS),
                        whole(get(params, "min_count"), "params.min_count", 1, Integer.MAX_VALUE, 1L), null, Map.of());
            }
            case ERROR_RATE -> {
                checkParams(params, Set.of("source", "min_sessions"));
                JsonNode source = get(params, "source");
                String rateSource = source == null ? AlertRule.RATE_FROM_SESSIONS : source.asText("");
                if (source != null && !source.isTextual() || !rateSource.equals(AlertRule.RATE_FROM_SESSIONS)
                        && !rateSource.equals(AlertRule.RATE_ERRORS_PER_MINUTE)) {
                    throw ApiException.invalidParameter("params.source", "params.source must be "
                            + AlertRule.RATE_FROM_SESSIONS + " or " + AlertRule.RATE_ERRORS_PER_MINUTE + ", got "
                            + RequestParams.echo(String.valueOf(source)));
                }
                if (!rateSource.equals(AlertRule.RATE_FROM_SESSIONS) && get(params, "min_sessions") != null) {
                    throw ApiException.invalidParameter("params.min_sessions",
                            "params.min_sessions applies only to params.source sessions");
                }
                yield new Params(0, whole(get(params, "min_sessions"), "params.min_sessions", 1, Integer.MAX_VALUE, 1L),
                        rateSource, Map.of());
            }
            case CONSECUTIVE_FAILURES -> {
                checkParams(params, Set.of("failure_tags"));
                Map<String, String> failureTags = tags(get(params, "failure_tags"), "params.failure_tags");
                if (failureTags.isEmpty()) {
                    throw ApiException.invalidParameter("params.failure_tags", "params.failure_tags must name at "
                            + "least one tag that marks a failure, e.g. {\"status_code\": \"5xx\"}");
                }
                yield new Params(0, 0, null, failureTags);
            }
            default -> {
                checkParams(params, Set.of());
                yield new Params(0, 0, null, Map.of());
            }
        };
    }

    private static void checkParams(JsonNode params, Set<String> known) {
        if (params != null) {
            JsonBody.checkFields(params, known, "params.");
        }
    }

    private static JsonNode get(JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static double threshold(AlertKind kind, Params params, JsonNode value) {
        double threshold = number(value, "threshold", null);
        switch (kind) {
            case ERROR_RATE -> {
                if (AlertRule.RATE_FROM_SESSIONS.equals(params.rateSource) && threshold > 100) {
                    throw ApiException.invalidParameter("threshold",
                            "threshold is a percentage of sessions for params.source sessions: 0 to 100, got " + threshold);
                }
            }
            case SPIKE -> {
                if (threshold < 1) {
                    throw ApiException.invalidParameter("threshold",
                            "threshold is the factor over the baseline for a spike: at least 1, got " + threshold);
                }
            }
            case CONSECUTIVE_FAILURES -> {
                if (threshold < 1 || threshold != Math.rint(threshold)) {
                    throw ApiException.invalidParameter("threshold",
                            "threshold is the failures in a row: a whole number of at least 1, got " + threshold);
                }
            }
            default -> { }
        }
        return threshold;
    }

    /** Defaults to the threshold (no hysteresis), or to 1 success for consecutive failures. */
    private static double resolveThreshold(AlertKind kind, double threshold, JsonNode value) {
        if (kind == AlertKind.CONSECUTIVE_FAILURES) {
            double successes = number(value, "resolve_threshold", 1.0);
            if (successes < 1 || successes != Math.rint(successes)) {
                throw ApiException.invalidParameter("resolve_threshold", "resolve_threshold is the successes in a row "
                        + "that resolve a consecutive-failures alert: a whole number of at least 1, got " + successes);
            }
            return successes;
        }
        double resolve = number(value, "resolve_threshold", threshold);
        if (resolve > threshold) {
            throw ApiException.invalidParameter("resolve_threshold",
                    "resolve_threshold must not be above threshold (" + threshold + "), got " + resolve);
        }
        return resolve;
    }

    private static Filters filters(JsonNode filters, boolean lifecycle, boolean sessions) {
        if (filters == null || filters.isNull()) {
            return new Filters(null, null, null, Map.of());
        }
        if (!filters.isObject()) {
            throw ApiException.invalidParameter("filters", "filters must be an object with environment, level, issue,"
                    + " tags or none of them");
        }
        JsonBody.checkFields(filters, FILTERS, "filters.");
        for (String field : sessions ? List.of("level", "issue", "tags") : lifecycle ? List.of("tags") : List.<String>of()) {
            if (get(filters, field) != null) {
                throw ApiException.invalidParameter("filters." + field, "filters." + field + " does not apply to "
                        + (sessions ? "an error rate from sessions (sessions have only an environment)"
                        : "new-issue and regression rules (their events carry no tags)"));
            }
        }
        JsonNode issue = get(filters, "issue");
        return new Filters(text(get(filters, "environment"), "filters.environment", false),
                get(filters, "level") == null ? null : level(get(filters, "level")),
                issue == null ? null : whole(issue, "filters.issue", 1, Long.MAX_VALUE, null),
                tags(get(filters, "tags"), "filters.tags"));
    }

    private static String level(JsonNode value) {
        if (!value.isTextual() || !RequestParams.LEVELS.contains(value.asText())) {
            throw ApiException.invalidParameter("filters.level", "filters.level must be one of "
                    + String.join(", ", RequestParams.LEVELS) + ", got " + RequestParams.echo(value.toString()));
        }
        return value.asText();
    }

    private static Map<String, String> tags(JsonNode value, String field) {
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject() || value.size() > MAX_TAGS) {
            throw ApiException.invalidParameter(field, field + " must be an object of up to " + MAX_TAGS
                    + " tag names and value patterns, e.g. {\"status_code\": \"5xx\"}");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = entries.next();
            if (tag.getKey().isEmpty() || tag.getKey().length() > MAX_TEXT) {
                throw ApiException.invalidParameter(field, field + " has a tag name that is empty or too long");
            }
            tags.put(tag.getKey(), text(tag.getValue(), field + "." + tag.getKey(), true));
        }
        return tags;
    }

    private static List<AlertChannel> channels(JsonNode value, AlertLimits limits) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_CHANNELS) {
            throw ApiException.invalidParameter("channels", "channels must be an array of up to " + MAX_CHANNELS
                    + " objects {\"type\": \"slack\" | \"webhook\" | \"email\", \"target\": ...}");
        }
        List<AlertChannel> channels = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String field = "channels[" + i + "]";
            JsonNode channel = value.get(i);
            if (!channel.isObject()) {
                throw ApiException.invalidParameter(field, field + " must be an object with type and target");
            }
            JsonBody.checkFields(channel, CHANNEL_FIELDS, field + ".");
            JsonNode typeNode = channel.get("type");
            AlertChannel.Type type = typeNode != null && typeNode.isTextual()
                    ? AlertChannel.Type.fromWireName(typeNode.asText()) : null;
            if (type == null) {
                throw ApiException.invalidParameter(field + ".type", field + ".type must be slack, webhook or email, got "
                        + RequestParams.echo(String.valueOf(typeNode)));
            }
            String target = text(channel.get("target"), field + ".target", true);
            if (type == AlertChannel.Type.EMAIL) {
                if (!EMAIL.matcher(target).matches()) {
                    throw ApiException.invalidParameter(field + ".target", field + ".target must be an email address");
                }
                if (!limits.emailConfigured()) {
                    throw ApiException.invalidParameter(field + ".type",
                            "email is not configured on this server (FW_SMTP_HOST is not set)");
                }
            } else if (!isHttpUrl(target)) {
                throw ApiException.invalidParameter(field + ".target", field + ".target must be an http or https URL, got "
                        + RequestParams.echo(target));
            }
            channels.add(new AlertChannel(type, target));
        }
        return channels;
    }

    private static boolean isHttpUrl(String target) {
        try {
            URI uri = new URI(target);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static AlertKind kind(JsonNode value) {
        AlertKind kind = value != null && value.isTextual() ? AlertKind.fromWireName(value.asText()) : null;
        if (kind == null) {
            throw ApiException.invalidParameter("kind", "kind must be one of " + KINDS + ", got "
                    + RequestParams.echo(String.valueOf(value)));
        }
        return kind;
    }

    /** Lifecycle kinds have no window or thresholds: refuse one rather than ignore it. */
    private static long absent(JsonNode root, String field, AlertKind kind, long value) {
        if (get(root, field) != null) {
            throw ApiException.invalidParameter(field, field + " does not apply to " + kind.wireName() + " rules");
        }
        return value;
    }

    private static String text(JsonNode value, String field, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.invalidParameter(field, field + " is required");
            }
            return null;
        }
        String text = value.isTextual() ? value.asText().strip() : "";
        if (text.isEmpty() || text.length() > (field.endsWith("target") ? MAX_TARGET : MAX_TEXT)) {
            throw ApiException.invalidParameter(field, field + " must be a non-empty string of at most "
                    + (field.endsWith("target") ? MAX_TARGET : MAX_TEXT) + " characters, got "
                    + RequestParams.echo(value.toString()));
        }
        return text;
    }

    private static boolean bool(JsonNode value, String field, boolean defaultValue) {
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw ApiException.invalidParameter(field, field + " must be true or false, got "
                    + RequestParams.echo(value.toString()));
        }
        return value.asBoolean();
    }

    /** @param defaultValue null when the field is required */
    private static long whole(JsonNode value, String field, long min, long max, Long defaultValue) {
        if (value == null || value.isNull()) {
            if (defaultValue == null) {
                throw ApiException.invalidParameter(field, field + " is required");
            }
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw ApiException.invalidParameter(field, field + " must be a whole number from " + min + " to " + max
                    + ", got " + RequestParams.echo(value.toString()));
        }
        return value.asLong();
    }

    private static double number(JsonNode value, String field, Double defaultValue) {
        if (value == null || value.isNull()) {
            if (defaultValue == null) {
                throw ApiException.invalidParameter(field, field + " is required");
            }
            return defaultValue;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > MAX_THRESHOLD) {
            throw ApiException.invalidParameter(field, field + " must be a number from 0 to " + (long) MAX_THRESHOLD
                    + ", got " + RequestParams.echo(value.toString()));
        }
        return value.asDouble();
    }
}
