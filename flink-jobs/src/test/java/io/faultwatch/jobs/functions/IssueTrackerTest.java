package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.IssueRow;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IssueTrackerTest {

    private static final Duration RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, String>, GroupedEvent, IssueRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IssueTracker(RETENTION)),
                new IssueKeySelector(),
                Types.TUPLE(Types.LONG, Types.STRING));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void emitsAbsoluteRowsPerIssue() throws Exception {
        harness.processElement(grouped(1, "a", 1_000, "warning"), 1_000);
        harness.processElement(grouped(1, "a", 3_000, "error"), 3_000);
        harness.processElement(grouped(2, "a", 2_000, "info"), 2_000);
        harness.processElement(grouped(1, "a", 2_000, "info"), 2_000);

        List<IssueRow> rows = harness.extractOutputValues();
        assertThat(rows).extracting(IssueRow::projectId, IssueRow::timesSeen, IssueRow::firstSeen, IssueRow::lastSeen,
                        IssueRow::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 1L, 1_000L, 1_000L, "warning"),
                        org.assertj.core.groups.Tuple.tuple(1L, 2L, 1_000L, 3_000L, "error"),
                        org.assertj.core.groups.Tuple.tuple(2L, 1L, 2_000L, 2_000L, "info"),
                        org.assertj.core.groups.Tuple.tuple(1L, 3L, 1_000L, 3_000L, "error"));
        assertThat(rows.get(0).fingerprint()).isEqualTo("a");
        assertThat(rows.get(0).title()).isEqualTo("Error a");
        assertThat(rows.get(0).culprit()).isEqualTo("com.acme.Culprit.run");
    }

    @Test
    void stateAndTimerAreClearedOnceAnIssueIsQuietForTheRetention() throws Exception {
        harness.setProcessingTime(0);
        harness.processElement(grouped(1, "a", 1_000, "error"), 1_000);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        // An event half-way moves the expiry without adding a second timer.
        harness.setProcessingTime(RETENTION.toMillis() / 2);
        harness.processElement(grouped(1, "a", 2_000, "error"), 2_000);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).as("re-armed, not expired yet").isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(RETENTION.toMillis() / 2 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anIssueSeenAfterExpiryStartsOver() throws Exception {
        harness.setProcessingTime(0);
        harness.processElement(grouped(1, "a", 1_000, "fatal"), 1_000);
        harness.setProcessingTime(RETENTION.toMillis());
        harness.processElement(grouped(1, "a", 5_000, "info"), 5_000);

        IssueRow last = harness.extractOutputValues().get(1);
        assertThat(last.timesSeen()).isEqualTo(1);
        assertThat(last.firstSeen()).isEqualTo(5_000);
        assertThat(last.level()).isEqualTo("info");
    }
}
