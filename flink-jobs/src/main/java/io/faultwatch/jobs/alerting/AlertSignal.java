package io.faultwatch.jobs.alerting;

import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.SessionCounts;
import io.faultwatch.model.IssueEvent;
import java.util.Map;

/**
 * What alert rules are evaluated on: an event, a change of the session counts, or an issue's lifecycle
 * event, all in one flat shape so one broadcast operator routes them.
 *
 * @param receivedAt when the gateway received what caused it, epoch ms: the time rules evaluate at
 * @param count      events: 1; sessions: sessions started
 * @param errored    sessions: sessions that errored; else 0
 */
public record AlertSignal(
        Type type,
        long projectId,
        long receivedAt,
        String fingerprint,
        String title,
        String environment,
        String level,
        Map<String, String> tags,
        long count,
        long errored) {

    public enum Type { EVENT, SESSIONS, NEW_ISSUE, REGRESSION }

    public AlertSignal {
        tags = tags == null ? Map.of() : tags;
    }

    public static AlertSignal of(GroupedEvent event) {
        return new AlertSignal(Type.EVENT, event.projectId(), event.receivedAt(), event.fingerprint(), event.title(),
                event.environment(), event.level(), event.tags(), 1, 0);
    }

    public static AlertSignal of(IssueEvent event) {
        Type type = event.type() == IssueEvent.Type.NEW_ISSUE ? Type.NEW_ISSUE : Type.REGRESSION;
        return new AlertSignal(type, event.projectId(), event.occurredAt(), event.fingerprint(), event.title(),
                event.environment(), event.level(), Map.of(), 1, 0);
    }

    /** A change of the session counts, as {@code CountSessions} emits it (each session counted once). */
    public static AlertSignal ofSessions(MetricEvent sessions) {
        return new AlertSignal(Type.SESSIONS, sessions.key().projectId(), sessions.countedAt(), null, null,
                sessions.key().environment(), null, Map.of(), sessions.counts()[SessionCounts.STARTED],
                sessions.counts()[SessionCounts.ERRORED]);
    }
}
