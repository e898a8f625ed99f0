package io.faultwatch.jobs;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Canonical events as the gateway produces them, for the tests of this module. */
public final class TestEvents {

    private TestEvents() {}

    public static Frame frame(String module, String function, int line, boolean inApp) {
        return new Frame(module, function, module == null ? null : module.replace('.', '/') + ".java",
                null, line, null, inApp, null);
    }

    public static ErrorEvent exception(long projectId, long receivedAt, String type, String value, Frame... frames) {
        return new ErrorEvent(UUID.randomUUID().toString().replace("-", ""), projectId, receivedAt, receivedAt,
                "error", "java", "production", "app@1.0.0", "host-1", null, null, null, null,
                List.of(new ExceptionInfo(type, value, null, List.of(frames))), null, null, null,
                null, null, null, null, null, null, null);
    }

    public static ErrorEvent message(long projectId, long receivedAt, String level, String message) {
        return new ErrorEvent(UUID.randomUUID().toString().replace("-", ""), projectId, receivedAt, receivedAt,
                level, "java", "production", "app@1.0.0", "host-1", "GET /users", message, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The event as it happened to a user (by id) in an environment. */
    public static ErrorEvent asUser(ErrorEvent e, String userId, String environment) {
        return new ErrorEvent(e.eventId(), e.projectId(), e.receivedAt(), e.timestamp(), e.level(), e.platform(),
                environment, e.release(), e.serverName(), e.transaction(), e.message(), e.messageTemplate(),
                e.messageParams(), e.exceptions(), e.tags(), new ErrorEvent.UserInfo(userId, null, null, null),
                e.fingerprint(), e.dist(), e.contexts(), e.request(), e.sdk(), e.breadcrumbs(), e.extra(), e.trimmed());
    }

    /** A typical Java stack: framework frames around the in-app frame that threw. */
    public static ErrorEvent userServiceNpe(long projectId, long receivedAt, int line) {
        return exception(projectId, receivedAt, "java.lang.NullPointerException", "user is null",
                frame("java.lang.Thread", "run", 840, false),
                frame("com.acme.api.UserController", "get", 31, true),
                frame("com.acme.users.UserService", "load", line, true),
                frame("java.util.Objects", "requireNonNull", 233, false));
    }

    /** An event's contribution to the metrics: one event of the user (null for none) at the time. */
    public static MetricEvent metricEvent(long projectId, String fingerprint, long countedAt, String user) {
        return new MetricEvent(new MetricKey(projectId, "production", "app@1.0.0", fingerprint, "error"), countedAt,
                new long[] {1}, MetricEvent.users(UserIdentity.hash(user)));
    }

    public static GroupedEvent grouped(long projectId, String fingerprint, long receivedAt, String level) {
        return grouped(projectId, fingerprint, receivedAt, level, "app@1.0.0", "production", null);
    }

    public static GroupedEvent grouped(long projectId, String fingerprint, long receivedAt, String level,
                                       String release, String environment, String user) {
        return new GroupedEvent(UUID.randomUUID().toString(), projectId, receivedAt, level, fingerprint,
                "Error " + fingerprint, "com.acme.Culprit.run", release, environment, user, Map.of());
    }
}
