package io.faultwatch.jobs.functions;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects rows and sends them in batches: when the batch holds {@code maxRows} keys, when its first row
 * is {@code maxAgeMs} old, and before every checkpoint, so a completed checkpoint never covers a row that
 * was not sent. Within a batch a row replaces the earlier row of its {@link #batchKey}: the sinks write
 * absolute values, so the later row holds everything the earlier one did, and a busy key costs one
 * write per batch instead of one per change.
 *
 * <p>A failed send is retried with exponential backoff a bounded number of times; after that the writer
 * fails and the job restarts from its last checkpoint. Retrying is safe because every table takes a
 * re-written row without counting it twice.
 */
abstract class BatchingWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);

    static final int MAX_ATTEMPTS = 5;
    static final long FIRST_BACKOFF_MS = 200;

    private final int maxRows;
    private final long maxAgeMs;
    private final ProcessingTimeService timeService;
    private final Counter rowsSent;
    private final Map<Object, T> batch = new LinkedHashMap<>();
    private boolean ageFlushScheduled;

    BatchingWriter(int maxRows, long maxAgeMs, ProcessingTimeService timeService, Counter rowsSent) {
        this.maxRows = maxRows;
        this.maxAgeMs = maxAgeMs;
        this.timeService = timeService;
        this.rowsSent = rowsSent;
    }

    /** Rows with equal keys replace each other in a batch. */
    protected abstract Object batchKey(T row);

    /** Writes the rows, in the order of their keys' first appearance in the batch; throws when not all were written. */
    protected abstract void send(Collection<T> rows) throws Exception;

    /** What is being written, for messages: "ClickHouse events". */
    protected abstract String destination();

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        batch.put(batchKey(row), row);
        if (batch.size() >= maxRows) {
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
        if (batch.isEmpty()) {
            return;
        }
        long backoffMs = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                send(batch.values());
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IOException("writing " + batch.size() + " rows to " + destination() + " failed "
                            + attempt + " times", e);
                }
                LOG.warn("Writing to {} failed (attempt {} of {}), retrying in {} ms: {}",
                        destination(), attempt, MAX_ATTEMPTS, backoffMs, e.toString());
                Thread.sleep(backoffMs);
                backoffMs *= 2;
            }
        }
        rowsSent.inc(batch.size());
        batch.clear();
    }
}
