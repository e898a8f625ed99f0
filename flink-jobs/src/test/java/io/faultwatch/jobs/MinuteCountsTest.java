package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.faultwatch.jobs.functions.IssueKeySelector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job's per-minute window (assigner, early-firing trigger, lateness, count) on the operator harness. */
class MinuteCountsTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_795_000_020_000L; // a minute boundary
    private static final long ALLOWED_LATENESS = ErrorPipelineJob.ALLOWED_LATENESS.toMillis();

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, String>, GroupedEvent, MinuteCount> harness;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<MinuteCount> counts =
                ErrorPipelineJob.minuteCounts(env.fromData(grouped(1, "a", T0, "error")));
        OneInputStreamOperator<GroupedEvent, MinuteCount> windowOperator =
                (OneInputStreamOperator<GroupedEvent, MinuteCount>)
                        ((OneInputTransformation<GroupedEvent, MinuteCount>) counts.getTransformation()).getOperator();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                windowOperator, new IssueKeySelector(), Types.TUPLE(Types.LONG, Types.STRING));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void firesEarlyWithTheAbsoluteCountOnlyWhenNewEventsArrived() throws Exception {
        add(1, "a", T0 + 1_000);
        add(1, "a", T0 + 2_000);
        add(1, "b", T0 + 2_500);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues())
                .extracting(MinuteCount::projectId, MinuteCount::fingerprint, MinuteCount::minute,
                        MinuteCount::eventCount, MinuteCount::version)
                .containsExactlyInAnyOrder(tuple(1L, "a", T0, 2L, 1_000L), tuple(1L, "b", T0, 1L, 1_000L));
        harness.getOutput().clear();

        harness.setProcessingTime(5_000);
        assertThat(harness.extractOutputValues()).as("no new events, no firing").isEmpty();

        add(1, "a", T0 + 3_000);
        harness.setProcessingTime(6_000);
        assertThat(harness.extractOutputValues())
                .extracting(MinuteCount::fingerprint, MinuteCount::eventCount, MinuteCount::version)
                .containsExactly(tuple("a", 3L, 6_000L));
    }

    @Test
    void firesWhenTheWatermarkClosesTheMinuteAndForLateEventsWithinTheLateness() throws Exception {
        add(1, "a", T0 + 1_000);
        add(1, "a", T0 + MINUTE + 1_000);

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(harness.extractOutputValues())
                .extracting(MinuteCount::minute, MinuteCount::eventCount)
                .containsExactly(tuple(T0, 1L));
        harness.getOutput().clear();

        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues()).as("the closed minute's early firing was cancelled")
                .extracting(MinuteCount::minute).containsExactly(T0 + MINUTE);
        harness.getOutput().clear();

        add(1, "a", T0 + 5_000);
        assertThat(harness.extractOutputValues()).as("late event updates its minute at once")
                .extracting(MinuteCount::minute, MinuteCount::eventCount)
                .containsExactly(tuple(T0, 2L));
    }

    @Test
    void dropsTheWindowStateAfterTheAllowedLateness() throws Exception {
        add(1, "a", T0 + 1_000);
        harness.setProcessingTime(1_000);
        harness.processWatermark(T0 + MINUTE - 1 + ALLOWED_LATENESS);
        harness.getOutput().clear();

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        add(1, "a", T0 + 2_000);
        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).as("too late: dropped").isEmpty();
    }

    private void add(long projectId, String fingerprint, long receivedAt) throws Exception {
        harness.processElement(grouped(projectId, fingerprint, receivedAt, "error"), receivedAt);
    }
}
