package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteAggregateTest {

    private static MetricEvent event(long[] counts, long user) {
        return new MetricEvent(new MetricKey(1, null, null, "a", "error"), 0, counts, MetricEvent.users(user));
    }

    @Test
    void sumsCountsAndKeepsDistinctUsersSorted() {
        MinuteAggregate aggregate = MinuteAggregate.empty()
                .add(event(new long[] {1}, 42))
                .add(event(new long[] {1}, 7))
                .add(event(new long[] {1}, 42))
                .add(event(new long[] {1}, UserIdentity.NO_USER));

        assertThat(aggregate.counts()).containsExactly(4);
        assertThat(aggregate.userHashes()).containsExactly(7, 42);
    }

    @Test
    void mergesTwoPartialAggregates() {
        MinuteAggregate a = MinuteAggregate.empty().add(event(new long[] {1, 0, 1}, 3));
        MinuteAggregate b = MinuteAggregate.empty().add(event(new long[] {1, 1, 0}, 1)).add(event(new long[] {1, 0, 0}, 3));

        MinuteAggregate merged = a.merge(b);

        assertThat(merged.counts()).containsExactly(3, 1, 1);
        assertThat(merged.userHashes()).containsExactly(1, 3);
    }

    @Test
    void countsTakeMissingEntriesAsZero() {
        assertThat(Counts.plus(new long[] {1, 2}, new long[] {5})).containsExactly(6, 2);
        assertThat(Counts.minus(new long[] {5}, new long[] {1, 2})).containsExactly(4, -2);
        assertThat(Counts.minus(new long[] {5}, null)).containsExactly(5);
    }

    @Test
    void absentDimensionsAreEmptyAndTheKeyHashIsFixed() {
        MetricKey key = new MetricKey(1, null, null, "a", "error");
        assertThat(key.environment()).isEmpty();
        assertThat(key.release()).isEmpty();
        // Pinned: key groups, and so savepoints, depend on it.
        assertThat(key.hashCode()).isEqualTo(java.util.Objects.hash(1L, "", "", "a", "error"));
    }
}
