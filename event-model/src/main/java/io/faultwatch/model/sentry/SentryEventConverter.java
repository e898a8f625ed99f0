package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import io.faultwatch.model.ErrorEvent.UserInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Sentry event payload (https://develop.sentry.dev/sdk/data-model/event-payloads/) into
 * the canonical {@link ErrorEvent}. Pure: no I/O, no clock; the caller supplies the receive time.
 *
 * <p>Lenient where SDKs differ (numbers where strings are expected, tags as an object or as pairs,
 * {@code message} as a string or an object), strict where the shape is wrong: a field of the wrong
 * kind is an {@link InvalidEventException} naming the field, never a silently empty event.
 */
public final class SentryEventConverter {
    static final String DEFAULT_LEVEL = "error";
    static final String DEFAULT_ENVIRONMENT = "production";
    // Relay's default when an SDK does not say which platform it is.
    static final String DEFAULT_PLATFORM = "other";

    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug");
    private static final Map<String, String> LEVEL_ALIASES =
            Map.of("warn", "warning", "critical", "fatal", "log", "info");
    // The placeholders SDKs put in logentry templates: printf style (Java, JS) and {} (SLF4J style).
    private static final Pattern PLACEHOLDER = Pattern.compile("%%|%[sdif]|\\{}");

    private SentryEventConverter() {}

    /**
     * @param eventIdOverride the envelope header's event_id, which wins over the payload's (null if none)
     */
    public static ErrorEvent convert(byte[] json, long projectId, long receivedAt, String eventIdOverride)
            throws InvalidEventException {
        return convert(SentryJson.parse(json, 0, json.length, "event"), projectId, receivedAt, eventIdOverride);
    }

    public static ErrorEvent convert(JsonNode event, long projectId, long receivedAt, String eventIdOverride)
            throws InvalidEventException {
        if (!event.isObject()) {
            throw new InvalidEventException("event must be a JSON object, got " + kind(event));
        }
        String eventId = eventIdOverride != null
                ? normalizeEventId(eventIdOverride, "envelope header event_id")
                : normalizeEventId(string(event, "event_id", "event_id"), "event_id");
        Exceptions exceptions = exceptions(event.get("exception"));
        Message message = message(event);
        return new ErrorEvent(
                eventId,
                projectId,
                receivedAt,
                timestamp(event.get("timestamp"), receivedAt),
                level(event, exceptions.unhandled()),
                orDefault(string(event, "platform", "platform"), DEFAULT_PLATFORM),
                orDefault(string(event, "environment", "environment"), DEFAULT_ENVIRONMENT),
                string(event, "release", "release"),
                string(event, "server_name", "server_name"),
                string(event, "transaction", "transaction"),
                message.formatted(),
                message.template(),
                message.params(),
                exceptions.chain(),
                tags(event.get("tags")),
                user(event.get("user")),
                stringList(event.get("fingerprint"), "fingerprint"));
    }

    /** Sentry accepts UUIDs with or without dashes, in any case; the canonical form is 32 lowercase hex. */
    static String normalizeEventId(String raw, String field) throws InvalidEventException {
        if (raw == null || raw.isEmpty()) {
            return UUID.randomUUID().toString().replace("-", "");
        }
        String id = raw.replace("-", "").toLowerCase(Locale.ROOT);
        if (!EVENT_ID.matcher(id).matches()) {
            throw new InvalidEventException(field + " must be a UUID (32 hex digits), got \"" + raw + "\"");
        }
        return id;
    }

    /** ISO-8601 (with or without offset; none means UTC) or seconds since the epoch, as number or string. */
    static long timestamp(JsonNode node, long receivedAt) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return receivedAt;
        }
        if (node.isNumber()) {
            return epochSecondsToMillis(node.decimalValue());
        }
        if (!node.isTextual()) {
            throw new InvalidEventException("timestamp must be an ISO-8601 string or seconds since the epoch, got "
                    + kind(node));
        }
        String text = node.asText().trim();
        try {
            return epochSecondsToMillis(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            // fall through to the date formats
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("timestamp must be an ISO-8601 string or seconds since the epoch, got \""
                        + text + "\"");
            }
        }
    }

    private static long epochSecondsToMillis(BigDecimal seconds) throws InvalidEventException {
        try {
            return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidEventException("timestamp " + seconds + " is out of range");
        }
    }

    /** Unknown levels fall back to the default, as Relay does, rather than failing the event. */
    private static String level(JsonNode event, boolean unhandled) throws InvalidEventException {
        String raw = string(event, "level", "level");
        if (raw != null) {
            String level = raw.trim().toLowerCase(Locale.ROOT);
            level = LEVEL_ALIASES.getOrDefault(level, level);
            if (LEVELS.contains(level)) {
                return level;
            }
        }
        return unhandled ? "fatal" : DEFAULT_LEVEL;
    }

    private record Message(String formatted, String template, List<String> params) {}

    /**
     * {@code logentry} is the current interface; a top-level {@code message} is its legacy alias and
     * may be either a plain string or the same object. The template and its params are kept apart from
     * the formatted text so grouping can use the template.
     */
    private static Message message(JsonNode event) throws InvalidEventException {
        JsonNode logentry = event.get("logentry");
        if (logentry != null && !logentry.isNull()) {
            return messageObject(logentry, "logentry");
        }
        JsonNode message = event.get("message");
        if (message == null || message.isNull()) {
            return new Message(null, null, List.of());
        }
        if (message.isTextual()) {
            return new Message(message.asText(), null, List.of());
        }
        return messageObject(message, "message");
    }

    private static Message messageObject(JsonNode node, String path) throws InvalidEventException {
        if (!node.isObject()) {
            throw new InvalidEventException(path + " must be a string or an object, got " + kind(node));
        }
        String template = string(node, "message", path + ".message");
        String formatted = string(node, "formatted", path + ".formatted");
        List<String> params = params(node.get("params"), path + ".params");
        if (formatted == null) {
            formatted = template == null ? null : format(template, params);
        }
        boolean templated = template != null && (!params.isEmpty() || !template.equals(formatted));
        return new Message(formatted, templated ? template : null, params);
    }

    /** Positional params, or the values of named ones (Python's %(name)s) in the order sent. */
    private static List<String> params(JsonNode node, String path) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() && !node.isObject()) {
            throw new InvalidEventException(path + " must be an array, got " + kind(node));
        }
        List<String> values = new ArrayList<>();
        node.elements().forEachRemaining(value -> values.add(scalarOrJson(value)));
        return values;
    }

    /** Fills positional placeholders the way the SDKs' own formatting would; extra placeholders stay. */
    static String format(String template, List<String> params) {
        if (params.isEmpty()) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String replacement;
            if (m.group().equals("%%")) {
                replacement = "%";
            } else if (next < params.size()) {
                replacement = params.get(next++);
            } else {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The chain in Sentry's order, and whether any mechanism says the application did not catch it. */
    private record Exceptions(List<ExceptionInfo> chain, boolean unhandled) {}

    private static Exceptions exceptions(JsonNode exception) throws InvalidEventException {
        if (exception == null || exception.isNull()) {
            return new Exceptions(List.of(), false);
        }
        JsonNode values;
        String path;
        if (exception.isArray()) {
            values = exception;
            path = "exception";
        } else if (exception.isObject()) {
            values = exception.get("values");
            path = "exception.values";
            if (values == null || values.isNull()) {
                return new Exceptions(List.of(), false);
            }
        } else {
            throw new InvalidEventException("exception must be an object with \"values\" or an array, got "
                    + kind(exception));
        }
        if (!values.isArray()) {
            throw new InvalidEventException(path + " must be an array, got " + kind(values));
        }
        List<ExceptionInfo> result = new ArrayList<>();
        boolean unhandled = false;
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            String at = path + "[" + i + "]";
            if (value.isNull()) {
                continue; // Sentry allows nulls in lists; they carry nothing.
            }
            if (!value.isObject()) {
                throw new InvalidEventException(at + " must be an object, got " + kind(value));
            }
            result.add(new ExceptionInfo(
                    string(value, "type", at + ".type"),
                    string(value, "value", at + ".value"),
                    string(value, "module", at + ".module"),
                    frames(value.get("stacktrace"), at + ".stacktrace")));
            JsonNode handled = value.path("mechanism").path("handled");
            unhandled |= handled.isBoolean() && !handled.booleanValue();
        }
        return new Exceptions(result, unhandled);
    }

    private static List<Frame> frames(JsonNode stacktrace, String path) throws InvalidEventException {
        if (stacktrace == null || stacktrace.isNull()) {
            return List.of();
        }
        if (!stacktrace.isObject()) {
            throw new InvalidEventException(path + " must be an object, got " + kind(stacktrace));
        }
        JsonNode frames = stacktrace.get("frames");
        if (frames == null || frames.isNull()) {
            return List.of();
        }
        if (!frames.isArray()) {
            throw new InvalidEventException(path + ".frames must be an array, got " + kind(frames));
        }
        List<Frame> result = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            JsonNode frame = frames.get(i);
            String at = path + ".frames[" + i + "]";
            if (frame.isNull()) {
                continue;
            }
            if (!frame.isObject()) {
                throw new InvalidEventException(at + " must be an object, got " + kind(frame));
            }
            result.add(new Frame(
                    string(frame, "module", at + ".module"),
                    string(frame, "function", at + ".function"),
                    string(frame, "filename", at + ".filename"),
                    string(frame, "abs_path", at + ".abs_path"),
                    integer(frame, "lineno", at + ".lineno"),
                    integer(frame, "colno", at + ".colno"),
                    bool(frame, "in_app", at + ".in_app"),
                    string(frame, "context_line", at + ".context_line")));
        }
        return result;
    }

    /** Tags come as an object or, from older SDKs, as a list of [key, value] pairs. */
    private static Map<String, String> tags(JsonNode tags) throws InvalidEventException {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return result;
        }
        if (tags.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) tags::fields) {
                putTag(result, e.getKey(), e.getValue(), "tags." + e.getKey());
            }
            return result;
        }
        if (!tags.isArray()) {
            throw new InvalidEventException("tags must be an object or an array of [key, value] pairs, got "
                    + kind(tags));
        }
        for (int i = 0; i < tags.size(); i++) {
            JsonNode pair = tags.get(i);
            if (pair.isNull()) {
                continue;
            }
            if (!pair.isArray() || pair.size() != 2 || !isScalar(pair.get(0))) {
                throw new InvalidEventException("tags[" + i + "] must be a [key, value] pair");
            }
            putTag(result, pair.get(0).asText(), pair.get(1), "tags[" + i + "][1]");
        }
        return result;
    }

    private static void putTag(Map<String, String> tags, String key, JsonNode value, String path)
            throws InvalidEventException {
        if (value.isNull()) {
            return;
        }
        if (!isScalar(value)) {
            throw new InvalidEventException(path + " must be a string, got " + kind(value));
        }
        tags.put(key, value.asText());
    }

    private static UserInfo user(JsonNode user) throws InvalidEventException {
        if (user == null || user.isNull()) {
            return null;
        }
        if (!user.isObject()) {
            throw new InvalidEventException("user must be an object, got " + kind(user));
        }
        UserInfo info = new UserInfo(
                string(user, "id", "user.id"),
                string(user, "email", "user.email"),
                string(user, "username", "user.username"),
                string(user, "ip_address", "user.ip_address"));
        return info.id() == null && info.email() == null && info.username() == null && info.ipAddress() == null
                ? null
                : info;
    }

    private static List<String> stringList(JsonNode node, String path) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidEventException(path + " must be an array of strings, got " + kind(node));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!isScalar(item)) {
                throw new InvalidEventException(path + "[" + i + "] must be a string, got " + kind(item));
            }
            result.add(item.asText());
        }
        return result;
    }

    /** A string field; numbers and booleans are taken as their text, since SDKs are loose about it. */
    private static String string(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!isScalar(node)) {
            throw new InvalidEventException(path + " must be a string, got " + kind(node));
        }
        return node.asText();
    }

    private static Integer integer(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.valueOf(node.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidEventException(path + " must be an integer, got " + describe(node));
    }

    private static Boolean bool(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidEventException(path + " must be a boolean, got " + describe(node));
        }
        return node.booleanValue();
    }

    private static boolean isScalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    private static String scalarOrJson(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : node.toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(JsonNode node) {
        return isScalar(node) ? node.toString() : kind(node);
    }
}
