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
 * that raised last.
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
        List<String> fingerprint) {

    public ErrorEvent {
        messageParams = messageParams == null ? List.of() : List.copyOf(messageParams);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        fingerprint = fingerprint == null ? List.of() : List.copyOf(fingerprint);
    }

    /** The exception that was thrown (the last of the chain), or null for a message event. */
    public ExceptionInfo thrownException() {
        return exceptions.isEmpty() ? null : exceptions.get(exceptions.size() - 1);
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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserInfo(String id, String email, String username, String ipAddress) {}
}
