package io.faultwatch.jobs;

/**
 * One contribution to the per-minute metrics: an event (counts {@code [1]}, its user), the change a
 * session record makes to the session counts ({@link SessionCounts}), or several of either summed
 * ({@link PartialMinutes}).
 *
 * @param countedAt  the time whose minute it is counted in: the receive time, or for a record that
 *                   arrived after its minute was final, a time in the minute then current
 * @param userHashes the {@link UserIdentity#hash}es of its users, sorted and distinct, without
 *                   {@link UserIdentity#NO_USER}
 */
public record MetricEvent(MetricKey key, long countedAt, long[] counts, long[] userHashes) {

    private static final long[] NO_USERS = new long[0];

    public MetricEvent withCountedAt(long time) {
        return new MetricEvent(key, time, counts, userHashes);
    }

    /** Both contributions as one: counts summed, users united, counted at the later time. */
    public MetricEvent plus(MetricEvent other) {
        return new MetricEvent(key, Math.max(countedAt, other.countedAt), Counts.plus(counts, other.counts),
                UserHashes.union(userHashes, other.userHashes));
    }

    public static MetricEvent of(GroupedEvent event) {
        return new MetricEvent(
                new MetricKey(event.projectId(), event.environment(), event.release(), event.fingerprint(),
                        event.level()),
                event.receivedAt(), new long[] {1}, users(UserIdentity.hash(event.user())));
    }

    /** The users of a contribution by one user's hash, or by none ({@link UserIdentity#NO_USER}). */
    public static long[] users(long userHash) {
        return userHash == UserIdentity.NO_USER ? NO_USERS : new long[] {userHash};
    }
}
