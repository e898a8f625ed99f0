package io.faultwatch.jobs;

import static io.faultwatch.jobs.Harnesses.openedAtTimeZero;
import static io.faultwatch.jobs.TestEvents.metricEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.faultwatch.jobs.functions.MetricKeySelector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job's per-minute window (assigner, early-firing trigger, lateness, aggregate) on the operator harness. */
class MinuteWindowsTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_795_000_020_000L; // a minute boundary
    private static final long ALLOWED_LATENESS = ErrorPipelineJob.ALLOWED_LATENESS.toMillis();

    private KeyedOneInputStreamOperatorTestHarness<MetricKey, MetricEvent, MinuteMetric> harness;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<MinuteMetric> windows = ErrorPipelineJob.minuteWindows(
                env.fromData(metricEvent(1, "a", T0, null)), "test");
        OneInputStreamOperator<MetricEvent, MinuteMetric> windowOperator =
                (OneInputStreamOperator<MetricEvent, MinuteMetric>)
                        ((OneInputTransformation<MetricEvent, MinuteMetric>) windows.getTransformation()).getOperator();
        harness = openedAtTimeZero(new KeyedOneInputStreamOperatorTestHarness<>(
                windowOperator, new MetricKeySelector(), TypeInformation.of(MetricKey.class)));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void firesEarlyWithTheAbsoluteCountAndUsersOnlyWhenNewEventsArrived() throws Exception {
        add("a", T0 + 1_000, "id:1");
        add("a", T0 + 2_000, "id:2");
        add("a", T0 + 2_100, "id:1");
        add("b", T0 + 2_500, null);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues())
                .extracting(m -> m.key().fingerprint(), MinuteMetric::minute, m -> m.counts()[0], m -> m.userHashes().length)
                .containsExactlyInAnyOrder(tuple("a", T0, 3L, 2), tuple("b", T0, 1L, 0));
        harness.getOutput().clear();

        harness.setProcessingTime(5_000);
        assertThat(harness.extractOutputValues()).as("no new events, no firing").isEmpty();

        add("a", T0 + 3_000, "id:3");
        harness.setProcessingTime(6_000);
        assertThat(harness.extractOutputValues())
                .extracting(m -> m.key().fingerprint(), m -> m.counts()[0], m -> m.userHashes().length)
                .containsExactly(tuple("a", 4L, 3));
    }

    @Test
    void keysByEnvironmentReleaseAndLevelToo() throws Exception {
        MetricEvent production = metricEvent(1, "a", T0 + 1_000, null);
        add(production);
        add(production);
        add(new MetricEvent(new MetricKey(1, "staging", "app@1.0.0", "a", "error"), T0 + 1_000, new long[] {1}, new long[0]));
        add(new MetricEvent(new MetricKey(1, "production", "app@1.0.1", "a", "error"), T0 + 1_000, new long[] {1}, new long[0]));
        add(new MetricEvent(new MetricKey(1, "production", "app@1.0.0", "a", "fatal"), T0 + 1_000, new long[] {1}, new long[0]));

        harness.processWatermark(T0 + MINUTE - 1);

        assertThat(harness.extractOutputValues())
                .extracting(m -> m.key().environment() + "/" + m.key().release() + "/" + m.key().level(),
                        m -> m.counts()[0])
                .containsExactlyInAnyOrder(tuple("production/app@1.0.0/error", 2L), tuple("staging/app@1.0.0/error", 1L),
                        tuple("production/app@1.0.1/error", 1L), tuple("production/app@1.0.0/fatal", 1L));
    }

    @Test
    void firesWhenTheWatermarkClosesTheMinuteAndForLateEventsWithinTheLateness() throws Exception {
        add("a", T0 + 1_000, null);
        add("a", T0 + MINUTE + 1_000, null);

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(harness.extractOutputValues())
                .extracting(MinuteMetric::minute, m -> m.counts()[0])
                .containsExactly(tuple(T0, 1L));
        harness.getOutput().clear();

        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues()).as("the closed minute's early firing was cancelled")
                .extracting(MinuteMetric::minute).containsExactly(T0 + MINUTE);
        harness.getOutput().clear();

        add("a", T0 + 5_000, null);
        assertThat(harness.extractOutputValues()).as("a late event updates its minute at once")
                .extracting(MinuteMetric::minute, m -> m.counts()[0])
                .containsExactly(tuple(T0, 2L));
    }

    @Test
    void emptyMinutesEmitNothing() throws Exception {
        add("a", T0 + 1_000, null);
        add("a", T0 + 3 * MINUTE + 1_000, null);

        harness.processWatermark(T0 + 4 * MINUTE - 1);
        harness.setProcessingTime(10_000);

        assertThat(harness.extractOutputValues()).as("nothing for the two minutes without events")
                .extracting(MinuteMetric::minute, m -> m.counts()[0])
                .containsExactly(tuple(T0, 1L), tuple(T0 + 3 * MINUTE, 1L));
    }

    @Test
    void dropsTheWindowStateAfterTheAllowedLateness() throws Exception {
        add("a", T0 + 1_000, "id:1");
        harness.setProcessingTime(1_000);
        harness.processWatermark(T0 + MINUTE - 1 + ALLOWED_LATENESS);
        harness.getOutput().clear();

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        add("a", T0 + 2_000, null);
        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues())
                .as("too late for the window operator (RecountTooLate moves such events into the current minute)")
                .isEmpty();
    }

    private void add(String fingerprint, long receivedAt, String user) throws Exception {
        add(metricEvent(1, fingerprint, receivedAt, user));
    }

    private void add(MetricEvent event) throws Exception {
        harness.processElement(event, event.countedAt());
    }
}
