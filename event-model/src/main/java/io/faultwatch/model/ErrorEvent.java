package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The canonical error event: what the gateway writes to {@link Topics#EVENTS} and every
 * downstream consumer reads. Times are epoch milliseconds (UTC). Lists and maps are never null.
 *
 * <p>{@code exceptions} keeps Sentry's order: the innermost cause first, the exception that was
 * actually thrown last. Frames keep Sentry's order too: the outermost caller first, the frame
 * that raised last. Breadcrumbs are oldest first.
 *
 * <p>Every field is a type Flink serializes without Kryo (strings, boxed numbers, lists, maps of
 * strings and records of those), because the job runs with generic types disabled. Free-form Sentry
 * data (contexts, extra, breadcrumb data) therefore arrives flattened one level: a nested object or
 * array becomes its JSON text. Flink cannot type a map of maps, so contexts are a list of named
 * {@link Context}s in the order sent; {@link #context(String)} finds one.
 *
 * <p>{@code trimmed} counts what {@link EventLimits} cut, keyed by the path of the field in this
 * record: a path naming a list or map counts removed entries, a path naming a string counts
 * removed characters. {@code []} stands for every element of a list and {@code {}} for every value
 * of a map, so the counts of all elements add up under one key, e.g. {@code exceptions[].frames}
 * (frames removed from all stack traces), {@code breadcrumbs[].message} (characters removed from
 * all breadcrumb messages), {@code tags{}} (characters removed from tag values) or
 * {@code contexts[].fields{}} (characters removed from context values). Map keys count under
 * {@code <map>{key}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorEvent(
        String eventId,
        long projectId,
        long receivedAt,
        long timestamp,
        String level,
        String platform,
        String environment,
        String release,
        String serverName,
        String transaction,
        String message,
        String messageTemplate,
        List<String> messageParams,
        List<ExceptionInfo> exceptions,
        Map<String, String> tags,
        UserInfo user,
        List<String> fingerprint,
        String dist,
        List<Context> contexts,
        RequestInfo request,
        SdkInfo sdk,
        List<Breadcrumb> breadcrumbs,
        Map<String, String> extra,
        Map<String, Integer> trimmed) {

    public ErrorEvent {
        messageParams = messageParams == null ? List.of() : List.copyOf(messageParams);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        fingerprint = fingerprint == null ? List.of() : List.copyOf(fingerprint);
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
        breadcrumbs = breadcrumbs == null ? List.of() : List.copyOf(breadcrumbs);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        trimmed = trimmed == null ? Map.of() : Map.copyOf(trimmed);
    }

    /** The exception that was thrown (the last of the chain), or null for a message event. */
    public ExceptionInfo thrownException() {
        return exceptions.isEmpty() ? null : exceptions.get(exceptions.size() - 1);
    }

    /** The fields of the context named {@code name} (os, runtime, trace, ...), empty if there is none. */
    public Map<String, String> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst().map(Context::fields).orElse(Map.of());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExceptionInfo(String type, String value, String module, List<Frame> frames) {
        public ExceptionInfo {
            frames = frames == null ? List.of() : List.copyOf(frames);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Frame(
            String module,
            String function,
            String filename,
            String absPath,
            Integer lineno,
            Integer colno,
            @JsonProperty("inApp") Boolean inApp,
            String contextLine) {

        /** Hidden from Jackson, which would otherwise write an absent {@code inApp} as false. */
        @JsonIgnore
        public boolean isInApp() {
            return Boolean.TRUE.equals(inApp);
        }
    }

    /** {@code ipAddress} is a salted hash unless the project stores user IPs (see PiiScrubber). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserInfo(String id, String email, String username, String ipAddress) {}

    /** The HTTP request the application was serving; {@code queryString} without the leading '?'. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestInfo(String method, String url, String queryString, Map<String, String> headers) {
        public RequestInfo {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /** One of Sentry's contexts, e.g. {@code os} with {@code name} and {@code version}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Context(String name, Map<String, String> fields) {
        public Context {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    /** The SDK that sent the event, e.g. {@code sentry.java} 8.62.0. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SdkInfo(String name, String version) {}

    /** @param timestamp epoch ms, or null when the SDK sent none */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Breadcrumb(
            Long timestamp, String type, String category, String message, String level, Map<String, String> data) {
        public Breadcrumb {
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
