package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class PartialMinutesTest {

    private static final long T0 = 1_795_000_020_000L; // a minute boundary
    private static final MetricKey A = new MetricKey(1, "production", "app@1.0.0", "a", "error");
    private static final MetricKey B = new MetricKey(1, "production", "app@1.0.1", "a", "error");

    private static MetricEvent event(MetricKey key, long countedAt, long[] counts, long user) {
        return new MetricEvent(key, countedAt, counts, MetricEvent.users(user));
    }

    @Test
    void sumsTheRecordsOfOneKeyAndMinuteAndKeepsOthersApart() {
        PartialMinutes partials = new PartialMinutes();
        partials.add(event(A, T0 + 1_000, new long[] {1}, 42));
        partials.add(event(A, T0 + 59_999, new long[] {1}, 7));
        partials.add(event(A, T0 + 2_000, new long[] {1}, 42));
        partials.add(event(A, T0 + 60_000, new long[] {1}, UserIdentity.NO_USER));
        partials.add(event(B, T0 + 3_000, new long[] {1}, UserIdentity.NO_USER));

        assertThat(partials.size()).isEqualTo(3);
        assertThat(partials.drain())
                .extracting(MetricEvent::key, MetricEvent::countedAt, e -> e.counts()[0], e -> e.userHashes().length)
                .containsExactlyInAnyOrder(
                        tuple(A, T0 + 59_999, 3L, 2),
                        tuple(A, T0 + 60_000, 1L, 0),
                        tuple(B, T0 + 3_000, 1L, 0));
        assertThat(partials.size()).as("drained").isZero();
        assertThat(partials.drain()).isEmpty();
    }

    @Test
    void sumsCountVectorsOfDifferentLengthsAndUnitesUsers() {
        PartialMinutes partials = new PartialMinutes();
        partials.add(event(A, T0, new long[] {1, 0, 1}, 3));
        partials.add(event(A, T0 + 1, new long[] {2}, 1));

        MetricEvent combined = partials.drain().get(0);

        assertThat(combined.counts()).containsExactly(3, 0, 1);
        assertThat(combined.userHashes()).containsExactly(1, 3);
    }
}
