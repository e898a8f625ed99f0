package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ServiceAddresses;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

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
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseWriter<>(services, format, context.getProcessingTimeService(),
                context.metricGroup().getNumRecordsSendCounter());
    }
}
