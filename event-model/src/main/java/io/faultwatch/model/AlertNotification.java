package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One notification of an alert rule: the record of {@link Topics#ALERTS}, written by the pipeline job at
 * least once and delivered by the notifier exactly once per id. The id is derived from the rule, the
 * group (issue), the event time the firing started at, the state and the repeat number, so the same
 * firing evaluated again after a restore gets the same id.
 *
 * @param fingerprint  the issue of a per-issue rule or a lifecycle alert, else null
 * @param environment  the rule's environment filter, else the environment of the event that crossed
 * @param title        the title, when known
 * @param value        what was measured (events, percent, errors per minute, failures in a row)
 * @param baseline     spike: the mean of the previous windows; else null
 * @param threshold    what the value was compared with (for a spike: factor × baseline)
 * @param firstSeen    epoch ms: the first matching event of the firing
 * @param lastSeen     epoch ms: the latest matching event of the firing
 * @param triggeredAt  epoch ms: when the gateway received the event that crossed the threshold (FIRING), or
 *                     the time the alert resolved (RESOLVED)
 * @param emittedAt    epoch ms: when the job emitted it
 * @param sequence     0 for the first notification of a firing, 1, 2, ... for reminders
 * @param unit         what value and threshold count: events, %, errors/min, failures in a row (empty for
 *                     lifecycle kinds)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertNotification(
        String id,
        long ruleId,
        long ruleVersion,
        long projectId,
        String ruleName,
        AlertKind kind,
        State state,
        String fingerprint,
        String environment,
        String title,
        double value,
        Double baseline,
        double threshold,
        long windowSeconds,
        long firstSeen,
        long lastSeen,
        long triggeredAt,
        long emittedAt,
        int sequence,
        String unit) implements ProjectRecord {

    public enum State { FIRING, RESOLVED }

    /** @param group the fingerprint, or "" for a project-wide rule */
    public static String id(long ruleId, String group, long firingStartedAt, State state, int sequence) {
        String source = ruleId + "\n" + group + "\n" + firingStartedAt + "\n" + state + "\n" + sequence;
        return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
