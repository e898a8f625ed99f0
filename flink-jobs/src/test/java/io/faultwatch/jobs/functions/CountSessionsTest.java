package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.MetricKey;
import io.faultwatch.model.SessionRecord;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts are [started, exited, errored, crashed, abnormal]. */
class CountSessionsTest {

    private static final Duration TIMEOUT = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, String>, SessionRecord, MetricEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CountSessions(TIMEOUT)),
                new SessionKeySelector(), Types.TUPLE(Types.LONG, Types.STRING));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void countsASessionOnceAsStartedErroredAndEndedHoweverOftenItIsReported() throws Exception {
        update("s1", true, "ok", 0, 1_000);
        update("s1", true, "ok", 0, 1_100); // the init update again (a retry)
        update("s1", false, "ok", 0, 2_000); // a heartbeat
        update("s1", false, "ok", 2, 3_000);
        update("s1", false, "exited", 2, 4_000);
        update("s1", false, "exited", 2, 4_100);

        assertThat(counts()).containsExactly(
                new long[] {1, 0, 0, 0, 0},
                new long[] {0, 0, 1, 0, 0},
                new long[] {0, 1, 0, 0, 0});
        assertThat(harness.extractOutputValues()).extracting(MetricEvent::countedAt).containsExactly(1_000L, 3_000L, 4_000L);
        assertThat(harness.extractOutputValues()).extracting(MetricEvent::key)
                .containsOnly(new MetricKey(7, "production", "app@1", "", ""));
    }

    @Test
    void aCrashIsAnErrorAndAnEnd() throws Exception {
        update("s1", true, "crashed", 0, 1_000);
        update("s2", true, "abnormal", 0, 1_000);

        assertThat(counts()).containsExactly(new long[] {1, 0, 1, 1, 0}, new long[] {1, 0, 1, 0, 1});
    }

    @Test
    void aggregatesCarryTheirCountsWithoutState() throws Exception {
        SessionRecord bucket = SessionRecord.aggregate(7, 5_000, "app@1", "production", 0, null, 3, 2, 1, 1);
        harness.processElement(bucket, 5_000);
        harness.processElement(bucket, 5_000);

        assertThat(counts()).containsExactly(new long[] {7, 5, 4, 1, 1}, new long[] {7, 5, 4, 1, 1});
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void forgetsASessionAfterTheTimeout() throws Exception {
        harness.setStateTtlProcessingTime(0);
        update("s1", true, "ok", 0, 1_000);
        harness.setStateTtlProcessingTime(TIMEOUT.toMillis() + 1);
        update("s1", true, "ok", 0, 2_000);

        assertThat(counts()).as("a new session for all the job knows")
                .containsExactly(new long[] {1, 0, 0, 0, 0}, new long[] {1, 0, 0, 0, 0});
    }

    private void update(String sid, boolean init, String status, int errors, long receivedAt) throws Exception {
        harness.processElement(SessionRecord.update(7, receivedAt, "app@1", "production", 0, sid, null, init,
                status, errors, null, receivedAt, null), receivedAt);
    }

    private List<long[]> counts() {
        return harness.extractOutputValues().stream().map(MetricEvent::counts).toList();
    }
}
