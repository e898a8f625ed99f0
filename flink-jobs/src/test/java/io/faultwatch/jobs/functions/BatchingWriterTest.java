package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;

class BatchingWriterTest {

    /** Rows "key=value"; sends are recorded, and the first {@code failures} sends throw. */
    private static final class RecordingWriter extends ReplacingBatchWriter<String> {
        final List<List<String>> sent = new ArrayList<>();
        int failures;
        int attempts;

        RecordingWriter(int maxRows, TestProcessingTimeService time, SimpleCounter counter) {
            super(maxRows, 1_000, time, counter);
        }

        @Override
        protected Object batchKey(String row) {
            return row.substring(0, row.indexOf('='));
        }

        @Override
        protected void send(Collection<String> rows) throws Exception {
            attempts++;
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("the server is away");
            }
            sent.add(List.copyOf(rows));
        }

        @Override
        protected String destination() {
            return "a test table";
        }

        @Override
        public void close() {}
    }

    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final SimpleCounter counter = new SimpleCounter();

    @Test
    void aLaterRowOfAKeyReplacesTheEarlierOneInTheBatch() throws Exception {
        RecordingWriter writer = new RecordingWriter(100, time, counter);
        writer.write("a=1", null);
        writer.write("b=1", null);
        writer.write("a=2", null);
        writer.write("a=3", null);

        writer.flush(false);

        assertThat(writer.sent).containsExactly(List.of("a=3", "b=1"));
        assertThat(counter.getCount()).isEqualTo(2);
    }

    @Test
    void sendsWhenTheBatchHoldsMaxRowsKeys() throws Exception {
        RecordingWriter writer = new RecordingWriter(2, time, counter);
        writer.write("a=1", null);
        writer.write("a=2", null);
        assertThat(writer.sent).isEmpty();

        writer.write("b=1", null);

        assertThat(writer.sent).containsExactly(List.of("a=2", "b=1"));
    }

    @Test
    void sendsWhenTheFirstRowOfTheBatchIsMaxAgeOld() throws Exception {
        RecordingWriter writer = new RecordingWriter(100, time, counter);
        time.setCurrentTime(10_000);
        writer.write("a=1", null);
        time.setCurrentTime(10_500);
        writer.write("b=1", null);
        time.setCurrentTime(10_999);
        assertThat(writer.sent).isEmpty();

        time.setCurrentTime(11_000);

        assertThat(writer.sent).containsExactly(List.of("a=1", "b=1"));
        writer.write("c=1", null);
        time.setCurrentTime(11_999);
        assertThat(writer.sent).hasSize(1);
        time.setCurrentTime(12_000);
        assertThat(writer.sent).containsExactly(List.of("a=1", "b=1"), List.of("c=1"));
    }

    @Test
    void anEmptyBatchIsNotSent() throws Exception {
        RecordingWriter writer = new RecordingWriter(100, time, counter);

        writer.flush(false);

        assertThat(writer.attempts).isZero();
    }

    @Test
    void retriesAFailedSendAndKeepsTheBatchUntilItIsWritten() throws Exception {
        RecordingWriter writer = new RecordingWriter(100, time, counter);
        writer.failures = 2;
        writer.write("a=1", null);

        writer.flush(false);

        assertThat(writer.attempts).isEqualTo(3);
        assertThat(writer.sent).containsExactly(List.of("a=1"));
        assertThat(counter.getCount()).isEqualTo(1);
    }

    @Test
    void failsAfterTheLastAttemptSoTheJobRestoresFromItsCheckpoint() throws Exception {
        RecordingWriter writer = new RecordingWriter(100, time, counter);
        writer.failures = BatchingWriter.MAX_ATTEMPTS;
        writer.write("a=1", null);
        writer.write("b=1", null);

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessage("writing 2 rows to a test table failed " + BatchingWriter.MAX_ATTEMPTS + " times")
                .hasRootCauseMessage("the server is away");
        assertThat(writer.attempts).isEqualTo(BatchingWriter.MAX_ATTEMPTS);
        assertThat(counter.getCount()).isZero();
    }
}
