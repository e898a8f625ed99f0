package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.IssueRow;
import io.faultwatch.model.ServiceAddresses;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes the issue tracker's rows to PostgreSQL {@code issues}. At least once: the writer sends its batch
 * before every checkpoint, and the upsert of absolute values makes a row written again harmless.
 */
public class IssueSink implements Sink<IssueRow> {

    private final ServiceAddresses services;
    private final int maxBatchRows;
    private final long maxBatchAgeMs;

    /**
     * @param maxBatchRows  the most issues in one transaction
     * @param maxBatchAgeMs how long a changed issue may wait before it is written
     */
    public IssueSink(ServiceAddresses services, int maxBatchRows, long maxBatchAgeMs) {
        this.services = services;
        this.maxBatchRows = maxBatchRows;
        this.maxBatchAgeMs = maxBatchAgeMs;
    }

    @Override
    public SinkWriter<IssueRow> createWriter(WriterInitContext context) {
        return new IssueWriter(services, maxBatchRows, maxBatchAgeMs, context.getProcessingTimeService(),
                context.metricGroup().getNumRecordsSendCounter());
    }
}
