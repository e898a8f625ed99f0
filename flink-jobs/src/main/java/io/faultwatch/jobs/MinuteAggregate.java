package io.faultwatch.jobs;

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
        return new MinuteAggregate(Counts.plus(counts, event.counts()),
                UserHashes.union(userHashes, event.userHashes()));
    }

    public MinuteAggregate merge(MinuteAggregate other) {
        return new MinuteAggregate(Counts.plus(counts, other.counts), UserHashes.union(userHashes, other.userHashes));
    }
}
