package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.ReplacingRowFormat;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ServiceAddresses;
import java.io.IOException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * Writes rows to a ClickHouse table in the given {@link RowFormat}. At least once: the writer flushes
 * before every checkpoint, and the tables make re-written rows harmless (the largest of absolute
 * counts for metrics, ReplacingMergeTree for events).
 */
public class ClickHouseSink<T> implements Sink<T> {

    private final ServiceAddresses services;
    private final RowFormat<T> format;

    public ClickHouseSink(ServiceAddresses services, RowFormat<T> format) {
        this.services = services;
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return writer(services, format, context.getProcessingTimeService(),
                context.metricGroup().getNumRecordsSendCounter());
    }

    /** The writer for the format: replacing rows of a key within a batch, or appending every row. */
    static <T> BatchingWriter<T> writer(ServiceAddresses services, RowFormat<T> format,
                                        ProcessingTimeService timeService, Counter rowsSent) throws IOException {
        return format instanceof ReplacingRowFormat<T> replacing
                ? new ClickHouseWriter<>(services, replacing, timeService, rowsSent)
                : new AppendingClickHouseWriter<>(services, format, AppendingClickHouseWriter.MAX_BATCH_BYTES,
                        timeService, rowsSent);
    }
}
