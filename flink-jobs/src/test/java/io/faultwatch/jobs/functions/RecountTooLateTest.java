package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.TestEvents.metricEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.MetricEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecountTooLateTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_795_000_020_000L; // a minute boundary
    private static final Duration LATENESS = Duration.ofMinutes(1);

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private OneInputStreamOperatorTestHarness<MetricEvent, MetricEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setMetricGroup(new InterceptingTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                            OperatorID id, String name, Map<String, String> additionalVariables) {
                        return metrics;
                    }
                })
                .build();
        harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RecountTooLate(LATENESS)), environment);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void passesEventsOnTimeOrWithinTheLatenessUnchanged() throws Exception {
        harness.processWatermark(new Watermark(T0 + MINUTE + 30_000));
        MetricEvent onTime = metricEvent(1, "a", T0 + MINUTE + 40_000, null);
        // Its minute closed 30 s ago: within the allowed minute of lateness.
        MetricEvent late = metricEvent(1, "a", T0 + 1_000, null);

        harness.processElement(onTime, onTime.countedAt());
        harness.processElement(late, late.countedAt());

        assertThat(harness.extractOutputValues()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(onTime, late);
        assertThat(recounted()).isZero();
    }

    @Test
    void movesAnEventPastTheLatenessIntoTheCurrentMinuteAndCountsIt() throws Exception {
        long watermark = T0 + 2 * MINUTE - 1; // the minute T0 is final now
        harness.processWatermark(new Watermark(watermark));
        MetricEvent tooLate = metricEvent(1, "a", T0 + 59_000, "id:1");

        harness.processElement(tooLate, tooLate.countedAt());

        assertThat(harness.extractOutputValues()).singleElement().satisfies(moved -> {
            assertThat(CountedMinuteWindows.windowOf(moved.countedAt()).getStart()).isEqualTo(T0 + 2 * MINUTE);
            assertThat(moved.key()).isEqualTo(tooLate.key());
            assertThat(moved.userHashes()).isEqualTo(tooLate.userHashes());
        });
        assertThat(recounted()).isEqualTo(1);
    }

    @Test
    void nothingIsLateBeforeTheFirstWatermark() throws Exception {
        MetricEvent old = metricEvent(1, "a", 1_000, null);
        harness.processElement(old, old.countedAt());
        assertThat(harness.extractOutputValues()).usingRecursiveFieldByFieldElementComparator().containsExactly(old);
    }

    private long recounted() {
        return ((Counter) metrics.get("recountedTooLate")).getCount();
    }
}
