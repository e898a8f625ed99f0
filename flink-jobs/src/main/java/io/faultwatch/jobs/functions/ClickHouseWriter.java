package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.ReplacingRowFormat;
import io.faultwatch.jobs.RowBinary;
import io.faultwatch.model.ServiceAddresses;
import java.util.Collection;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.Counter;

/**
 * Inserts batches of rows into a ClickHouse table whose later rows replace earlier ones (the metrics),
 * the latest row of each key per batch. Batches are sent when full, when their first row is
 * {@link #MAX_BATCH_AGE_MS} old (so dashboards lag by about a second), and before every checkpoint.
 */
class ClickHouseWriter<T> extends ReplacingBatchWriter<T> {

    static final int MAX_BATCH_ROWS = 5_000;
    static final long MAX_BATCH_AGE_MS = 1_000;

    private final ClickHouseTable<T> table;
    private final ReplacingRowFormat<T> format;
    /** Reused from batch to batch: grows to the largest batch once instead of being allocated each time. */
    private final RowBinary encoded = new RowBinary(1 << 20);

    ClickHouseWriter(ServiceAddresses services, ReplacingRowFormat<T> format, ProcessingTimeService timeService,
                     Counter rowsSent) {
        super(MAX_BATCH_ROWS, MAX_BATCH_AGE_MS, timeService, rowsSent);
        this.table = new ClickHouseTable<>(services, format);
        this.format = format;
    }

    @Override
    protected Object batchKey(T row) {
        return format.batchKey(row);
    }

    @Override
    protected String destination() {
        return table.destination();
    }

    @Override
    protected void send(Collection<T> rows) throws Exception {
        encoded.clear();
        for (T row : rows) {
            table.encode(row, encoded);
        }
        table.insert(encoded);
    }

    @Override
    public void close() {
        table.close();
    }
}
