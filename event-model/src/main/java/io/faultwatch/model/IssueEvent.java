package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A change in an issue's life that alerting reacts to: the record of {@link Topics#ISSUE_EVENTS}, keyed by
 * {@link Topics#issueKey}. The sink delivers at least once; {@code id} is derived from the type, the issue
 * and the event that caused it, so a copy written again after a restore has the same id and consumers
 * dedupe on it.
 *
 * @param eventId    the event that made the issue new or reopened it
 * @param occurredAt when the gateway received that event, epoch ms
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssueEvent(
        String id,
        Type type,
        long projectId,
        String fingerprint,
        String eventId,
        long occurredAt,
        String title,
        String culprit,
        String level,
        String release,
        String environment) implements ProjectRecord {

    public enum Type {
        /** The first event of a fingerprint (or the first after its state expired). */
        NEW_ISSUE,
        /** An event reopened a resolved issue. */
        REGRESSION
    }

    public static IssueEvent of(Type type, long projectId, String fingerprint, String eventId, long occurredAt,
                                String title, String culprit, String level, String release, String environment) {
        return new IssueEvent(id(type, projectId, fingerprint, eventId), type, projectId, fingerprint, eventId,
                occurredAt, title, culprit, level, release, environment);
    }

    static String id(Type type, long projectId, String fingerprint, String eventId) {
        String source = type + "\n" + projectId + "\n" + fingerprint + "\n" + eventId;
        return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
