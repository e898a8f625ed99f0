package io.faultwatch.jobs.functions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.Counter;

/**
 * A {@link BatchingWriter} whose batch keeps one row per {@link #batchKey}: a row replaces the earlier row
 * of its key, because the sinks write absolute values and the later row holds everything the earlier one
 * did; a busy key costs one write per batch instead of one per change. Full at {@code maxRows} keys.
 */
abstract class ReplacingBatchWriter<T> extends BatchingWriter<T> {

    private final int maxRows;
    private final Map<Object, T> batch = new LinkedHashMap<>();

    ReplacingBatchWriter(int maxRows, long maxAgeMs, ProcessingTimeService timeService, Counter rowsSent) {
        super(maxAgeMs, timeService, rowsSent);
        this.maxRows = maxRows;
    }

    /** Rows with equal keys replace each other in a batch. */
    protected abstract Object batchKey(T row);

    /** Writes the rows, in the order of their keys' first appearance in the batch; throws when not all were written. */
    protected abstract void send(Collection<T> rows) throws Exception;

    @Override
    protected final void add(T row) {
        batch.put(batchKey(row), row);
    }

    @Override
    protected final int batchRows() {
        return batch.size();
    }

    @Override
    protected final boolean batchFull() {
        return batch.size() >= maxRows;
    }

    @Override
    protected final void sendBatch() throws Exception {
        send(batch.values());
    }

    @Override
    protected final void clearBatch() {
        batch.clear();
    }
}
