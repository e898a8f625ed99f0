package io.faultwatch.model.sentry;

import static io.faultwatch.model.sentry.JsonFields.bool;
import static io.faultwatch.model.sentry.JsonFields.entries;
import static io.faultwatch.model.sentry.JsonFields.indices;
import static io.faultwatch.model.sentry.JsonFields.integer;
import static io.faultwatch.model.sentry.JsonFields.isScalar;
import static io.faultwatch.model.sentry.JsonFields.kind;
import static io.faultwatch.model.sentry.JsonFields.objectField;
import static io.faultwatch.model.sentry.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.sentry.ScrubbingReader.Shape;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.Breadcrumb;
import io.faultwatch.model.ErrorEvent.Context;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import io.faultwatch.model.ErrorEvent.RequestInfo;
import io.faultwatch.model.ErrorEvent.SdkInfo;
import io.faultwatch.model.ErrorEvent.UserInfo;
import io.faultwatch.model.EventLimits;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * kind is an {@link InvalidEventException} naming the field, never a silently empty event. Values
 * beyond {@link EventLimits} are cut and counted in {@link ErrorEvent#trimmed()}.
 */
public final class SentryEventConverter {
    static final String DEFAULT_LEVEL = "error";
    static final String DEFAULT_ENVIRONMENT = "production";
    // Relay's default when an SDK does not say which platform it is.
    static final String DEFAULT_PLATFORM = "other";
    /** Sentry requires contexts to be objects; a scalar one (e.g. filtered by the scrubber) is kept under this key. */
    static final String SCALAR_CONTEXT_FIELD = "value";

    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug");
    private static final Map<String, String> LEVEL_ALIASES =
            Map.of("warn", "warning", "critical", "fatal", "log", "info");
    // The placeholders SDKs put in logentry templates: printf style (Java, JS) and {} (SLF4J style).
    private static final Pattern PLACEHOLDER = Pattern.compile("%%|%[sdif]|\\{}");

    private static final Shape FRAME = Shape.object(
            "module", "function", "filename", "abs_path", "lineno", "colno", "in_app", "context_line");
    private static final Shape EXCEPTION = Shape.object(Map.of(
            "type", Shape.ALL, "value", Shape.ALL, "module", Shape.ALL,
            "stacktrace", Shape.object(Map.of("frames", Shape.array(FRAME))),
            "mechanism", Shape.object("handled")));
    /**
     * The parts of a payload that {@link #event} and {@link PiiScrubber#scrubIps} read: a field that
     * either starts to read must be added here. The rest (frame variables and source context, debug
     * images, modules, threads, request bodies, cookies and env, ...) is skipped while parsing.
     */
    static final Shape PAYLOAD = Shape.object(Map.ofEntries(
            Map.entry("event_id", Shape.ALL), Map.entry("timestamp", Shape.ALL), Map.entry("level", Shape.ALL),
            Map.entry("platform", Shape.ALL), Map.entry("environment", Shape.ALL), Map.entry("release", Shape.ALL),
            Map.entry("server_name", Shape.ALL), Map.entry("transaction", Shape.ALL), Map.entry("dist", Shape.ALL),
            Map.entry("message", Shape.ALL), Map.entry("logentry", Shape.ALL), Map.entry("tags", Shape.ALL),
            Map.entry("fingerprint", Shape.ALL), Map.entry("contexts", Shape.ALL), Map.entry("extra", Shape.ALL),
            Map.entry("exception", Shape.values(EXCEPTION)),
            Map.entry("breadcrumbs", Shape.values(
                    Shape.object("timestamp", "type", "category", "message", "level", "data"))),
            Map.entry("user", Shape.object("id", "email", "username", "ip_address")),
            Map.entry("request", Shape.object("url", "query_string", "method", "headers")),
            Map.entry("sdk", Shape.object("name", "version"))));

    private final Trimmer trim = new Trimmer();

    private SentryEventConverter() {}

    /**
     * Parses, scrubs and converts an event payload: the gateway's entry point, so nothing reaches
     * the events topic unscrubbed.
     *
     * @param eventIdOverride the envelope header's event_id, which wins over the payload's (null if none)
     * @param settings the project's scrubbing choices
     * @param clientIp the address the request came from, for {@code {{auto}}} user IPs (null if unknown)
     */
    public static ErrorEvent convert(byte[] json, long projectId, long receivedAt, String eventIdOverride,
            PiiScrubber scrubber, PiiScrubber.Settings settings, String clientIp) throws InvalidEventException {
        ObjectNode event = read(json, settings.scrubData());
        scrubber.scrubIps(event, settings, clientIp);
        return convert(event, projectId, receivedAt, eventIdOverride);
    }

    /** Converts without scrubbing: for payloads that carry no personal data, such as tests' own. */
    public static ErrorEvent convert(byte[] json, long projectId, long receivedAt, String eventIdOverride)
            throws InvalidEventException {
        return convert(read(json, false), projectId, receivedAt, eventIdOverride);
    }

    /**
     * The {@link #PAYLOAD} parts of the payload, their data scrubbed if asked, in one pass. A payload
     * that is no well-formed JSON object takes the full parse, whose error says what is wrong.
     */
    private static ObjectNode read(byte[] json, boolean scrub) throws InvalidEventException {
        ObjectNode event;
        try {
            event = ScrubbingReader.read(SentryJson.factory(), json, PAYLOAD, scrub);
        } catch (IOException malformed) {
            event = null;
        }
        if (event != null) {
            return event;
        }
        ObjectNode whole = parse(json);
        return scrub ? ScrubbingReader.scrubbed(whole) : whole;
    }

    public static ErrorEvent convert(JsonNode event, long projectId, long receivedAt, String eventIdOverride)
            throws InvalidEventException {
        if (!event.isObject()) {
            throw new InvalidEventException("event must be a JSON object, got " + kind(event));
        }
        return new SentryEventConverter().event(event, projectId, receivedAt, eventIdOverride);
    }

    /** The payload as a JSON object, or why it is not one. */
    private static ObjectNode parse(byte[] json) throws InvalidEventException {
        JsonNode event = SentryJson.parse(json, 0, json.length, "event");
        if (!event.isObject()) {
            throw new InvalidEventException("event must be a JSON object, got " + kind(event));
        }
        return (ObjectNode) event;
    }

    private ErrorEvent event(JsonNode event, long projectId, long receivedAt, String eventIdOverride)
            throws InvalidEventException {
        String eventId = eventIdOverride != null
                ? normalizeEventId(eventIdOverride, "envelope header event_id")
                : normalizeEventId(JsonFields.string(event, "event_id", "event_id"), "event_id");
        Exceptions exceptions = exceptions(event.get("exception"));
        Message message = message(event);
        return new ErrorEvent(
                eventId,
                projectId,
                receivedAt,
                timestamp(event.get("timestamp"), receivedAt),
                level(event, exceptions.unhandled()),
                orDefault(string(event, "platform", EventLimits.LABEL_CHARS, "platform"), DEFAULT_PLATFORM),
                orDefault(string(event, "environment", EventLimits.LABEL_CHARS, "environment"), DEFAULT_ENVIRONMENT),
                string(event, "release", EventLimits.NAME_CHARS, "release"),
                string(event, "server_name", EventLimits.STRING_CHARS, "serverName"),
                string(event, "transaction", EventLimits.NAME_CHARS, "transaction"),
                message.formatted(),
                message.template(),
                message.params(),
                exceptions.chain(),
                tags(event.get("tags")),
                user(event.get("user")),
                fingerprint(event.get("fingerprint")),
                string(event, "dist", EventLimits.LABEL_CHARS, "dist"),
                contexts(objectField(event, "contexts", "contexts")),
                request(objectField(event, "request", "request")),
                sdk(objectField(event, "sdk", "sdk")),
                breadcrumbs(event.get("breadcrumbs")),
                dataMap(event.get("extra"), "extra", "extra"),
                trim.removed());
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

    /** The event's time in epoch ms (see {@link JsonFields#epochMillis}); the receive time when absent. */
    static long timestamp(JsonNode node, long receivedAt) throws InvalidEventException {
        Long millis = JsonFields.epochMillis(node, "timestamp");
        return millis == null ? receivedAt : millis;
    }

    /**
     * An explicit level wins; without one an unhandled exception is fatal, as Sentry shows it.
     * Unknown levels fall back to the default, as Relay does, rather than failing the event.
     */
    private static String level(JsonNode event, boolean unhandled) throws InvalidEventException {
        String level = knownLevel(JsonFields.string(event, "level", "level"));
        if (level != null) {
            return level;
        }
        return unhandled ? "fatal" : DEFAULT_LEVEL;
    }

    /** The canonical name of a Sentry level, accepting the aliases SDKs use; null if unknown. */
    private static String knownLevel(String raw) {
        if (raw == null) {
            return null;
        }
        String level = raw.trim().toLowerCase(Locale.ROOT);
        level = LEVEL_ALIASES.getOrDefault(level, level);
        return LEVELS.contains(level) ? level : null;
    }

    private record Message(String formatted, String template, List<String> params) {}

    /**
     * {@code logentry} is the current interface; a top-level {@code message} is its legacy alias and
     * may be either a plain string or the same object. The template and its params are kept apart from
     * the formatted text so grouping can use the template.
     */
    private Message message(JsonNode event) throws InvalidEventException {
        JsonNode logentry = event.get("logentry");
        if (logentry != null && !logentry.isNull()) {
            return messageObject(logentry, "logentry");
        }
        JsonNode message = event.get("message");
        if (message == null || message.isNull()) {
            return new Message(null, null, List.of());
        }
        if (message.isTextual()) {
            return new Message(trim.string(message.asText(), EventLimits.MESSAGE_CHARS, "message"), null, List.of());
        }
        return messageObject(message, "message");
    }

    private Message messageObject(JsonNode node, String path) throws InvalidEventException {
        if (!node.isObject()) {
            throw new InvalidEventException(path + " must be a string or an object, got " + kind(node));
        }
        String template = JsonFields.string(node, "message", path + ".message");
        String formatted = JsonFields.string(node, "formatted", path + ".formatted");
        List<String> params = params(node.get("params"), path + ".params");
        if (formatted == null) {
            formatted = template == null ? null : format(template, params);
        }
        boolean templated = template != null && (!params.isEmpty() || !template.equals(formatted));
        return new Message(
                trim.string(formatted, EventLimits.MESSAGE_CHARS, "message"),
                templated ? trim.string(template, EventLimits.MESSAGE_CHARS, "messageTemplate") : null,
                trimmedStrings(params, "messageParams"));
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
        node.elements().forEachRemaining(value -> values.add(text(value)));
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

    private Exceptions exceptions(JsonNode exception) throws InvalidEventException {
        Values values = values(exception, "exception");
        List<Integer> all = indices(values.array(), values.path());
        // Any exception of the chain counts, also one that the limit cuts.
        boolean unhandled = false;
        for (int i : all) {
            JsonNode handled = values.array().get(i).path("mechanism").path("handled");
            unhandled |= handled.isBoolean() && !handled.booleanValue();
        }
        List<ExceptionInfo> chain = objects(values, trim.keepEnds(all, EventLimits.EXCEPTIONS, "exceptions"),
                (value, at) -> new ExceptionInfo(
                        string(value, "type", EventLimits.STRING_CHARS, "exceptions[].type", at + ".type"),
                        string(value, "value", EventLimits.MESSAGE_CHARS, "exceptions[].value", at + ".value"),
                        string(value, "module", EventLimits.STRING_CHARS, "exceptions[].module", at + ".module"),
                        frames(value.get("stacktrace"), at + ".stacktrace")));
        return new Exceptions(chain, unhandled);
    }

    private List<Frame> frames(JsonNode stacktrace, String path) throws InvalidEventException {
        if (stacktrace == null || stacktrace.isNull()) {
            return List.of();
        }
        if (!stacktrace.isObject()) {
            throw new InvalidEventException(path + " must be an object, got " + kind(stacktrace));
        }
        Values frames = new Values(stacktrace.get("frames"), path + ".frames");
        return objects(frames,
                trim.keepEnds(indices(frames.array(), frames.path()), EventLimits.FRAMES, "exceptions[].frames"),
                (frame, at) -> new Frame(
                        frameString(frame, "module", "module", at),
                        frameString(frame, "function", "function", at),
                        frameString(frame, "filename", "filename", at),
                        frameString(frame, "abs_path", "absPath", at),
                        integer(frame, "lineno", at + ".lineno"),
                        integer(frame, "colno", at + ".colno"),
                        bool(frame, "in_app", at + ".in_app"),
                        frameString(frame, "context_line", "contextLine", at)));
    }

    private String frameString(JsonNode frame, String field, String canonical, String at)
            throws InvalidEventException {
        return string(frame, field, EventLimits.STRING_CHARS, "exceptions[].frames[]." + canonical, at + "." + field);
    }

    /** Tags come as an object or, from older SDKs, as a list of [key, value] pairs; values must be scalars. */
    private Map<String, String> tags(JsonNode tags) throws InvalidEventException {
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonFields.Field tag : trim.keepFirst(entries(tags, "tags"), EventLimits.TAGS, "tags")) {
            if (!isScalar(tag.value())) {
                throw new InvalidEventException(tag.path() + " must be a string, got " + kind(tag.value()));
            }
            result.put(trim.string(tag.key(), EventLimits.TAG_CHARS, "tags{key}"),
                    trim.string(tag.value().asText(), EventLimits.TAG_CHARS, "tags{}"));
        }
        return result;
    }

    private UserInfo user(JsonNode user) throws InvalidEventException {
        if (user == null || user.isNull()) {
            return null;
        }
        if (!user.isObject()) {
            throw new InvalidEventException("user must be an object, got " + kind(user));
        }
        UserInfo info = new UserInfo(
                string(user, "id", EventLimits.STRING_CHARS, "user.id", "user.id"),
                string(user, "email", EventLimits.STRING_CHARS, "user.email", "user.email"),
                string(user, "username", EventLimits.STRING_CHARS, "user.username", "user.username"),
                string(user, "ip_address", EventLimits.STRING_CHARS, "user.ipAddress", "user.ip_address"));
        return info.id() == null && info.email() == null && info.username() == null && info.ipAddress() == null
                ? null
                : info;
    }

    private List<String> fingerprint(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidEventException("fingerprint must be an array of strings, got " + kind(node));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            if (!isScalar(part)) {
                throw new InvalidEventException("fingerprint[" + i + "] must be a string, got " + kind(part));
            }
            parts.add(part.asText());
        }
        return trimmedStrings(parts, "fingerprint");
    }

    /**
     * Contexts are objects of free-form fields (os, runtime, device, trace, ...), flattened to text
     * one level down so that the canonical event keeps a Flink-serializable shape.
     */
    private List<Context> contexts(JsonNode contexts) throws InvalidEventException {
        if (contexts == null) {
            return List.of();
        }
        List<Context> result = new ArrayList<>();
        for (JsonFields.Field e : trim.keepFirst(entries(contexts, "contexts"), EventLimits.ENTRIES, "contexts")) {
            JsonNode context = e.value();
            result.add(new Context(
                    trim.string(e.key(), EventLimits.STRING_CHARS, "contexts[].name"),
                    context.isObject()
                            ? dataMap(context, e.path(), "contexts[].fields")
                            : Map.of(SCALAR_CONTEXT_FIELD,
                                    trim.string(text(context), EventLimits.STRING_CHARS, "contexts[].fields{}"))));
        }
        return result;
    }

    /**
     * The URL without its query, which goes to {@code queryString} as Relay splits it; an explicit
     * {@code query_string} (a string, an object or pairs) wins over the URL's.
     */
    private RequestInfo request(JsonNode request) throws InvalidEventException {
        if (request == null) {
            return null;
        }
        String url = JsonFields.string(request, "url", "request.url");
        String urlQuery = null;
        if (url != null) {
            int fragment = url.indexOf('#');
            if (fragment >= 0) {
                url = url.substring(0, fragment);
            }
            int query = url.indexOf('?');
            if (query >= 0) {
                urlQuery = url.substring(query + 1);
                url = url.substring(0, query);
            }
        }
        String query = queryString(request.get("query_string"));
        return new RequestInfo(
                string(request, "method", EventLimits.STRING_CHARS, "request.method", "request.method"),
                trim.string(url, EventLimits.STRING_CHARS, "request.url"),
                trim.string(query != null ? query : urlQuery, EventLimits.STRING_CHARS, "request.queryString"),
                dataMap(request.get("headers"), "request.headers", "request.headers"));
    }

    private static String queryString(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String query = node.asText();
            return query.startsWith("?") ? query.substring(1) : query;
        }
        StringBuilder query = new StringBuilder();
        for (JsonFields.Field e : entries(node, "request.query_string")) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(URLEncoder.encode(e.key(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(text(e.value()), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private SdkInfo sdk(JsonNode sdk) throws InvalidEventException {
        if (sdk == null) {
            return null;
        }
        return new SdkInfo(
                string(sdk, "name", EventLimits.STRING_CHARS, "sdk.name", "sdk.name"),
                string(sdk, "version", EventLimits.STRING_CHARS, "sdk.version", "sdk.version"));
    }

    /** Breadcrumbs, oldest first. */
    private List<Breadcrumb> breadcrumbs(JsonNode breadcrumbs) throws InvalidEventException {
        Values values = values(breadcrumbs, "breadcrumbs");
        return objects(values,
                trim.keepLast(indices(values.array(), values.path()), EventLimits.BREADCRUMBS, "breadcrumbs"),
                (crumb, at) -> new Breadcrumb(
                        JsonFields.epochMillis(crumb.get("timestamp"), at + ".timestamp"),
                        string(crumb, "type", EventLimits.STRING_CHARS, "breadcrumbs[].type", at + ".type"),
                        string(crumb, "category", EventLimits.STRING_CHARS, "breadcrumbs[].category", at + ".category"),
                        string(crumb, "message", EventLimits.STRING_CHARS, "breadcrumbs[].message", at + ".message"),
                        knownLevel(JsonFields.string(crumb, "level", at + ".level")),
                        dataMap(crumb.get("data"), at + ".data", "breadcrumbs[].data")));
    }

    /** A list in the payload and its path there; {@code array} is null when the list is absent. */
    private record Values(JsonNode array, String path) {}

    /**
     * One of Sentry's "values" interfaces (exception, breadcrumbs): {@code {"values": [...]}} or, from
     * older SDKs, the bare list.
     */
    private static Values values(JsonNode node, String name) throws InvalidEventException {
        if (node == null || node.isNull() || node.isArray()) {
            return new Values(node, name);
        }
        if (!node.isObject()) {
            throw new InvalidEventException(name + " must be an object with \"values\" or an array, got " + kind(node));
        }
        return new Values(node.get("values"), name + ".values");
    }

    private interface ElementConverter<T> {
        T convert(JsonNode element, String path) throws InvalidEventException;
    }

    /** Converts the kept elements of a list of objects, skipping nulls, which Sentry allows and which carry nothing. */
    private static <T> List<T> objects(Values list, List<Integer> kept, ElementConverter<T> converter)
            throws InvalidEventException {
        List<T> result = new ArrayList<>(kept.size());
        for (int i : kept) {
            JsonNode element = list.array().get(i);
            String at = list.path() + "[" + i + "]";
            if (element.isNull()) {
                continue;
            }
            if (!element.isObject()) {
                throw new InvalidEventException(at + " must be an object, got " + kind(element));
            }
            result.add(converter.convert(element, at));
        }
        return result;
    }

    /**
     * A free-form map (extra, a context, headers, breadcrumb data) as text: scalars as they are,
     * nested objects and arrays as their JSON text.
     *
     * @param canonical the field's path in {@link ErrorEvent}, under which cuts are counted
     */
    private Map<String, String> dataMap(JsonNode node, String path, String canonical) throws InvalidEventException {
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonFields.Field e : trim.keepFirst(entries(node, path), EventLimits.ENTRIES, canonical)) {
            result.put(trim.string(e.key(), EventLimits.STRING_CHARS, canonical + "{key}"),
                    trim.string(text(e.value()), EventLimits.STRING_CHARS, canonical + "{}"));
        }
        return result;
    }

    private List<String> trimmedStrings(List<String> values, String canonical) {
        List<String> result = new ArrayList<>();
        for (String value : trim.keepFirst(values, EventLimits.ENTRIES, canonical)) {
            result.add(trim.string(value, EventLimits.STRING_CHARS, canonical + "[]"));
        }
        return result;
    }

    /** A top-level string field, whose payload path and canonical path share the field's name. */
    private String string(JsonNode parent, String field, int maxChars, String canonical) throws InvalidEventException {
        return string(parent, field, maxChars, canonical, field);
    }

    private String string(JsonNode parent, String field, int maxChars, String canonical, String path)
            throws InvalidEventException {
        return trim.string(JsonFields.string(parent, field, path), maxChars, canonical);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
