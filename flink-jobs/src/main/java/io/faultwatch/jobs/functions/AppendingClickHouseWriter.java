package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.RowBinary;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ServiceAddresses;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.Counter;

/**
 * Inserts rows that are only ever added (the raw events) in large batches, encoded as they arrive so that
 * a batch is one byte buffer rather than thousands of row objects kept alive until the insert.
 *
 * <p>Why large: ClickHouse writes each insert as a part, then merges parts into ever larger ones as the
 * day's partition grows, and each merge rewrites every row of a few KB again. Parts five times larger
 * skip about one round of merging: in 600,000-event pipeline runs ClickHouse's merges took 13–20 µs per
 * event with batches of up to 5 s instead of 24–41 µs with batches of 1 s. Batches are sent at
 * {@code maxBytes}, when their first row is {@link #MAX_BATCH_AGE_MS} old, and before every checkpoint, so
 * an event reaches the event lists within a checkpoint interval.
 */
class AppendingClickHouseWriter<T> extends BatchingWriter<T> {

    /** Bounds the buffer per writer (about 13,000 events of the benchmark's 2.4 KB rows). */
    static final int MAX_BATCH_BYTES = 32 << 20;
    /** The job's default checkpoint interval, which sends a batch anyway. */
    static final long MAX_BATCH_AGE_MS = 5_000;

    private final ClickHouseTable<T> table;
    private final int maxBytes;
    private final RowBinary encoded = new RowBinary(1 << 20);
    private int rows;

    AppendingClickHouseWriter(ServiceAddresses services, RowFormat<T> format, int maxBytes,
                              ProcessingTimeService timeService, Counter rowsSent) {
        super(MAX_BATCH_AGE_MS, timeService, rowsSent);
        this.table = new ClickHouseTable<>(services, format);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void add(T row) {
        table.encode(row, encoded);
        rows++;
    }

    @Override
    protected int batchRows() {
        return rows;
    }

    @Override
    protected boolean batchFull() {
        return encoded.size() >= maxBytes;
    }

    @Override
    protected void sendBatch() throws Exception {
        table.insert(encoded);
    }

    @Override
    protected void clearBatch() {
        encoded.clear();
        rows = 0;
    }

    @Override
    protected String destination() {
        return table.destination();
    }

    @Override
    public void close() {
        table.close();
    }
}
