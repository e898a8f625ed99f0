package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.MetricRow;
import io.faultwatch.jobs.MinuteMetric;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunningTotalsTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;
    private static final long DAY0 = 1_794_960_000_000L; // a UTC midnight
    private static final Duration LATENESS = Duration.ofMinutes(1);
    private static final MetricKey KEY = new MetricKey(1, "production", "app@1", "a", "error");

    private KeyedOneInputStreamOperatorTestHarness<MetricKey, MinuteMetric, MetricRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RunningTotals(LATENESS)),
                new MinuteMetricKeySelector(), TypeInformation.of(MetricKey.class));
        harness.setProcessingTime(1_000);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void reEmittedMinutesReplaceTheirCountsInTheHourAndDayTotals() throws Exception {
        fire(DAY0, 2);
        fire(DAY0 + MINUTE, 1);
        fire(DAY0, 5); // the first minute again, now with 5 events in all
        fire(DAY0 + HOUR, 4);
        fire(DAY0 + DAY, 7); // the next day starts over

        assertThat(rows()).extracting(MetricRow::minute, r -> r.minuteCounts()[0], r -> r.hourCounts()[0],
                        r -> r.dayCounts()[0])
                .containsExactly(
                        tuple(DAY0, 2L, 2L, 2L),
                        tuple(DAY0 + MINUTE, 1L, 3L, 3L),
                        tuple(DAY0, 5L, 6L, 6L),
                        tuple(DAY0 + HOUR, 4L, 4L, 10L),
                        tuple(DAY0 + DAY, 7L, 7L, 7L));
    }

    @Test
    void keepsEveryCountOfASessionVectorApart() throws Exception {
        harness.processElement(new MinuteMetric(KEY, DAY0, new long[] {3, 1, 1, 0, 0}, new long[0]), DAY0);
        harness.processElement(new MinuteMetric(KEY, DAY0 + MINUTE, new long[] {1, 0, 1, 1, 0}, new long[0]), DAY0);

        assertThat(rows().get(1).hourCounts()).containsExactly(4, 1, 2, 1, 0);
    }

    @Test
    void sendsEachUserOfAMinuteInOneRowOnly() throws Exception {
        harness.processElement(new MinuteMetric(KEY, DAY0, new long[] {2}, new long[] {11, 42}), DAY0);
        harness.processElement(new MinuteMetric(KEY, DAY0, new long[] {4}, new long[] {7, 11, 42, 99}), DAY0);
        harness.processElement(new MinuteMetric(KEY, DAY0, new long[] {5}, new long[] {7, 11, 42, 99}), DAY0);
        harness.processElement(new MinuteMetric(KEY, DAY0 + MINUTE, new long[] {1}, new long[] {11}), DAY0);

        assertThat(rows()).extracting(MetricRow::userHashes)
                .containsExactly(new long[] {11, 42}, new long[] {7, 99}, new long[0], new long[] {11});
    }

    @Test
    void forgetsTheUsersSentOfAMinuteOnceItIsFinal() throws Exception {
        harness.processElement(new MinuteMetric(KEY, DAY0, new long[] {1}, new long[] {11}), DAY0);
        assertThat(harness.numKeyedStateEntries()).as("minute, its users, hour, day").isEqualTo(4);

        harness.processWatermark(DAY0 + MINUTE + LATENESS.toMillis());

        assertThat(harness.numKeyedStateEntries()).as("hour and day").isEqualTo(2);
    }

    @Test
    void dropsEachPeriodOnceItCanNoLongerChange() throws Exception {
        fire(DAY0 + 5 * MINUTE, 1);
        assertThat(harness.numKeyedStateEntries()).as("minute, hour, day").isEqualTo(3);

        harness.processWatermark(DAY0 + 6 * MINUTE + LATENESS.toMillis());
        assertThat(harness.numKeyedStateEntries()).as("the minute is final").isEqualTo(2);

        harness.processWatermark(DAY0 + DAY + LATENESS.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void fire(long minute, long count) throws Exception {
        harness.processElement(new MinuteMetric(KEY, minute, new long[] {count}, new long[0]), minute);
    }

    private List<MetricRow> rows() {
        return harness.extractOutputValues();
    }
}
