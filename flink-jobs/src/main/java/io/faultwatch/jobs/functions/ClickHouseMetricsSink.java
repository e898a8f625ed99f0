package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MinuteCount;
import io.faultwatch.model.ServiceAddresses;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes minute counts to ClickHouse {@code error_metrics_1m}. At least once: the writer flushes
 * before every checkpoint, and ReplacingMergeTree(version) turns re-written rows into overwrites.
 */
public class ClickHouseMetricsSink implements Sink<MinuteCount> {

    private final ServiceAddresses services;

    public ClickHouseMetricsSink(ServiceAddresses services) {
        this.services = services;
    }

    @Override
    public SinkWriter<MinuteCount> createWriter(WriterInitContext context) {
        return new ClickHouseMetricsWriter(services, context.getProcessingTimeService(),
                context.metricGroup().getNumRecordsSendCounter());
    }
}
