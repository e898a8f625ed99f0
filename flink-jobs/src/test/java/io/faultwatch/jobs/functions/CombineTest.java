package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.Harnesses.openedAtTimeZero;
import static io.faultwatch.jobs.TestEvents.metricEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.PartialMinutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator, with the metrics' combiner; what each combiner combines has its own test. */
class CombineTest {

    private static final long T0 = 1_795_000_020_000L; // a minute boundary

    private OneInputStreamOperatorTestHarness<MetricEvent, MetricEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = opened(Combine.forEventTime(Duration.ofMillis(500), 3, PartialMinutes::new));
    }

    private static OneInputStreamOperatorTestHarness<MetricEvent, MetricEvent> opened(
            Combine<MetricEvent, MetricEvent> combine) throws Exception {
        return openedAtTimeZero(new OneInputStreamOperatorTestHarness<>(combine));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void add(String fingerprint, long countedAt, String user) throws Exception {
        harness.processElement(metricEvent(1, fingerprint, countedAt, user), countedAt);
    }

    @Test
    void sendsOneRecordPerKeyAndMinuteEveryInterval() throws Exception {
        add("a", T0 + 1_000, "id:1");
        add("a", T0 + 2_000, "id:2");
        add("a", T0 + 1_500, "id:1");
        add("b", T0 + 2_500, null);
        assertThat(harness.getOutput()).as("held until the interval ends").isEmpty();

        harness.setProcessingTime(500);
        assertThat(harness.extractOutputValues())
                .extracting(e -> e.key().fingerprint(), MetricEvent::countedAt, e -> e.counts()[0],
                        e -> e.userHashes().length)
                .containsExactlyInAnyOrder(tuple("a", T0 + 2_000, 3L, 2), tuple("b", T0 + 2_500, 1L, 0));
        assertThat(harness.extractOutputStreamRecords()).as("timed at the minute they are counted in")
                .allSatisfy(record -> assertThat(record.getTimestamp()).isEqualTo(record.getValue().countedAt()));
        harness.getOutput().clear();

        add("a", T0 + 3_000, null);
        harness.setProcessingTime(999);
        assertThat(harness.getOutput()).isEmpty();
        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues()).extracting(e -> e.counts()[0]).containsExactly(1L);
    }

    @Test
    void whatIsHeldGoesAheadOfAWatermark() throws Exception {
        add("a", T0 + 1_000, null);
        add("a", T0 + 2_000, null);

        harness.processWatermark(new Watermark(T0 + 2_000));

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(2);
        assertThat(output.get(0)).isInstanceOf(StreamRecord.class);
        assertThat(((MetricEvent) ((StreamRecord<?>) output.get(0)).getValue()).counts()).containsExactly(2);
        assertThat(output.get(1)).isEqualTo(new Watermark(T0 + 2_000));
    }

    /** Ahead of the issue tracker, which works by processing time, watermarks would only cut the interval short. */
    @Test
    void forProcessingTimeAWatermarkPassesWhatIsHeld() throws Exception {
        try (var byProcessingTime = opened(Combine.forProcessingTime(Duration.ofMillis(500), 3, PartialMinutes::new))) {
            byProcessingTime.processElement(metricEvent(1, "a", T0 + 1_000, null), T0 + 1_000);

            byProcessingTime.processWatermark(new Watermark(T0 + 2_000));
            assertThat(byProcessingTime.getOutput()).containsExactly(new Watermark(T0 + 2_000));

            byProcessingTime.setProcessingTime(500);
            assertThat(byProcessingTime.extractOutputValues()).extracting(e -> e.counts()[0]).containsExactly(1L);
        }
    }

    @Test
    void whatIsHeldGoesOutBeforeACheckpointBarrier() throws Exception {
        add("a", T0 + 1_000, null);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(harness.extractOutputValues()).extracting(e -> e.counts()[0]).containsExactly(1L);
    }

    @Test
    void sendsAsSoonAsItHoldsMaxSlots() throws Exception {
        add("a", T0 + 1_000, null);
        add("a", T0 + 61_000, null);
        assertThat(harness.getOutput()).isEmpty();

        add("b", T0 + 1_000, null);

        assertThat(harness.extractOutputValues()).hasSize(3);
    }
}
