package io.faultwatch.jobs;

import java.util.Arrays;

/**
 * What a minute window keeps: the sums of its records' counts and the distinct user hashes (sorted,
 * exact). The hashes are what ClickHouse builds its mergeable user sketches from; each firing hands them
 * all on, and {@code functions.RunningTotals} sends ClickHouse the ones it has not sent yet.
 */
public record MinuteAggregate(long[] counts, long[] userHashes) {

    public static MinuteAggregate empty() {
        return new MinuteAggregate(new long[0], new long[0]);
    }

    public MinuteAggregate add(MetricEvent event) {
        return new MinuteAggregate(Counts.plus(counts, event.counts()), withUser(userHashes, event.userHash()));
    }

    public MinuteAggregate merge(MinuteAggregate other) {
        long[] users = userHashes;
        for (long user : other.userHashes) {
            users = withUser(users, user);
        }
        return new MinuteAggregate(Counts.plus(counts, other.counts), users);
    }


    private static long[] withUser(long[] sorted, long user) {
        if (user == UserIdentity.NO_USER) {
            return sorted;
        }
        int position = Arrays.binarySearch(sorted, user);
        if (position >= 0) {
            return sorted;
        }
        int insertAt = -position - 1;
        long[] users = new long[sorted.length + 1];
        System.arraycopy(sorted, 0, users, 0, insertAt);
        users[insertAt] = user;
        System.arraycopy(sorted, insertAt, users, insertAt + 1, sorted.length - insertAt);
        return users;
    }
}
