package io.faultwatch.jobs;

/**
 * One contribution to the per-minute metrics: an event (counts {@code [1]}, its user) or the change a
 * session record makes to the session counts ({@link SessionCounts}).
 *
 * @param countedAt the time whose minute it is counted in: the receive time, or for a record that
 *                  arrived after its minute was final, a time in the minute then current
 * @param userHash  the {@link UserIdentity#hash} of its user, or {@link UserIdentity#NO_USER}
 */
public record MetricEvent(MetricKey key, long countedAt, long[] counts, long userHash) {

    public MetricEvent withCountedAt(long time) {
        return new MetricEvent(key, time, counts, userHash);
    }

    public static MetricEvent of(GroupedEvent event) {
        return new MetricEvent(
                new MetricKey(event.projectId(), event.environment(), event.release(), event.fingerprint(),
                        event.level()),
                event.receivedAt(), new long[] {1}, UserIdentity.hash(event.user()));
    }
}
