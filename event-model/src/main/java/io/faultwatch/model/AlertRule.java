package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert rule as the query API stores it in PostgreSQL {@code alert_rules} and publishes it on the
 * compacted {@link Topics#ALERT_RULES} (key = rule id, a tombstone when deleted), for the pipeline job to
 * evaluate and the notifier to deliver. Flat fields of simple types, so Flink keeps it in broadcast
 * state as a POJO. Validation with field names lives in the query API; this record only holds values.
 *
 * @param version          grows with every change; the job ignores a change older than one it has
 * @param windowSeconds    the sliding window (count, rate, spike), or after how long without events a
 *                         partial streak starts over (consecutive failures)
 * @param threshold        events (count), percent or errors per minute (rate), factor over the baseline
 *                         (spike), failures in a row (consecutive failures); unused by lifecycle kinds
 * @param resolveThreshold at or below it a firing alert resolves (hysteresis); for consecutive failures,
 *                         the successes in a row that resolve it
 * @param perIssue         evaluated per issue (fingerprint) instead of for the whole project
 * @param environment      filter: only events of this environment, or null
 * @param level            filter: only events of this level, or null
 * @param issue            filter: only events of this issue (fingerprint), or null
 * @param tags             filter: every tag must match (values may use {@code *}, and {@code x} for a digit
 *                         in a digits pattern such as {@code 5xx})
 * @param baselineWindows  spike: how many previous windows make the baseline
 * @param minCount         spike: the fewest events that can fire; error rate from sessions: the fewest
 *                         started sessions that can fire
 * @param rateSource       error rate: {@code sessions} or {@code errors_per_minute}
 * @param failureTags      consecutive failures: what makes a matching event a failure (others are successes)
 * @param actionIntervalSeconds after a notification, the rule stays quiet this long per issue
 * @param snoozedUntil     epoch ms: notifications wait until then (a firing still active then notifies), or null
 * @param mutedUntil       epoch ms: firings before then are never notified, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(
        long id,
        long projectId,
        long version,
        String name,
        AlertKind kind,
        boolean enabled,
        long windowSeconds,
        double threshold,
        double resolveThreshold,
        boolean perIssue,
        String environment,
        String level,
        String issue,
        Map<String, String> tags,
        int baselineWindows,
        long minCount,
        String rateSource,
        Map<String, String> failureTags,
        long actionIntervalSeconds,
        List<AlertChannel> channels,
        Long snoozedUntil,
        Long mutedUntil,
        long updatedAt) implements ProjectRecord {

    public static final String RATE_FROM_SESSIONS = "sessions";
    public static final String RATE_ERRORS_PER_MINUTE = "errors_per_minute";

    public AlertRule {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        failureTags = failureTags == null ? Map.of() : Map.copyOf(failureTags);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public boolean ratesSessions() {
        return kind == AlertKind.ERROR_RATE && RATE_FROM_SESSIONS.equals(rateSource);
    }

    /**
     * Whether the two versions evaluate alike: a change of name, channels, snooze, mute or enabled keeps
     * the rule's running state; any other change starts its evaluation over.
     */
    public boolean evaluatesLike(AlertRule other) {
        return other != null && kind == other.kind && windowSeconds == other.windowSeconds
                && threshold == other.threshold && resolveThreshold == other.resolveThreshold
                && perIssue == other.perIssue && Objects.equals(environment, other.environment)
                && Objects.equals(level, other.level) && Objects.equals(issue, other.issue)
                && tags.equals(other.tags) && baselineWindows == other.baselineWindows && minCount == other.minCount
                && Objects.equals(rateSource, other.rateSource) && failureTags.equals(other.failureTags);
    }

    /** The key of its records on {@link Topics#ALERT_RULES}. */
    public static String topicKey(long ruleId) {
        return Long.toString(ruleId);
    }
}
