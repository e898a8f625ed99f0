package io.faultwatch.jobs.functions;

import java.io.IOException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects rows and sends them in batches: when the batch is full, when its first row is
 * {@code maxAgeMs} old, and before every checkpoint, so a completed checkpoint never covers a row that
 * was not sent. Subclasses decide how a batch holds its rows and when it is full.
 *
 * <p>A failed send is retried with exponential backoff a bounded number of times; after that the writer
 * fails and the job restarts from its last checkpoint. Retrying is safe because every table takes a
 * re-written row without counting it twice.
 */
abstract class BatchingWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);

    static final int MAX_ATTEMPTS = 5;
    static final long FIRST_BACKOFF_MS = 200;

    private final long maxAgeMs;
    private final ProcessingTimeService timeService;
    private final Counter rowsSent;
    private boolean ageFlushScheduled;

    BatchingWriter(long maxAgeMs, ProcessingTimeService timeService, Counter rowsSent) {
        this.maxAgeMs = maxAgeMs;
        this.timeService = timeService;
        this.rowsSent = rowsSent;
    }

    /** Adds the row to the batch. */
    protected abstract void add(T row) throws IOException;

    /** The rows the batch would write now. */
    protected abstract int batchRows();

    protected abstract boolean batchFull();

    /** Writes the whole batch; throws when not all of it was written, and is then called again for the same batch. */
    protected abstract void sendBatch() throws Exception;

    /** Empties the batch once it was written. */
    protected abstract void clearBatch() throws IOException;

    /** What is being written, for messages: "ClickHouse events". */
    protected abstract String destination();

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        add(row);
        if (batchFull()) {
            flushBatch();
        } else if (!ageFlushScheduled) {
            ageFlushScheduled = true;
            timeService.registerTimer(timeService.getCurrentProcessingTime() + maxAgeMs, time -> {
                ageFlushScheduled = false;
                flushBatch();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBatch();
    }

    private void flushBatch() throws IOException, InterruptedException {
        int rows = batchRows();
        if (rows == 0) {
            return;
        }
        long backoffMs = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                sendBatch();
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IOException("writing " + rows + " rows to " + destination() + " failed "
                            + attempt + " times", e);
                }
                LOG.warn("Writing to {} failed (attempt {} of {}), retrying in {} ms: {}",
                        destination(), attempt, MAX_ATTEMPTS, backoffMs, e.toString());
                Thread.sleep(backoffMs);
                backoffMs *= 2;
            }
        }
        rowsSent.inc(rows);
        clearBatch();
    }
}
