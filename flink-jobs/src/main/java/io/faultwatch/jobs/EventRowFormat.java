package io.faultwatch.jobs;

import java.util.List;

/**
 * {@link EventRow}s into ClickHouse {@code events}. Only ever added: deduplication lets each event through
 * once, and a replayed one is the same row, which the table's ReplacingMergeTree keeps once.
 */
public final class EventRowFormat implements RowFormat<EventRow> {

    public static final EventRowFormat INSTANCE = new EventRowFormat();

    private static final List<String> COLUMNS = List.of("project_id", "event_id", "received_at", "received_at_ms",
            "timestamp_ms", "level", "environment", "release", "platform", "server_name", "transaction", "error_type",
            "error_value", "message", "fingerprint", "title", "culprit", "user_hash", "tag_keys", "tag_values",
            "payload", "retention_days");

    private EventRowFormat() {}

    @Override
    public String table() {
        return "events";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public long projectId(EventRow row) {
        return row.projectId();
    }

    @Override
    public void write(EventRow row, ProjectRetentions.Retention retention, RowBinary out) {
        out.uint64(row.projectId())
                .string(row.eventId())
                .dateTime(row.receivedAt() / 1000)
                .uint64(row.receivedAt())
                // Epoch ms as ClickHouse's UInt64: an SDK's clock before 1970 counts as 0.
                .uint64(Math.max(0, row.timestamp()))
                .string(row.level())
                .string(row.environment())
                .string(row.release())
                .string(row.platform())
                .string(row.serverName())
                .string(row.transaction())
                .string(row.errorType())
                .string(row.errorValue())
                .string(row.message())
                .string(row.fingerprint())
                .string(row.title())
                .string(row.culprit())
                .uint64(row.userHash())
                .stringArray(row.tagKeys())
                .stringArray(row.tagValues())
                .string(row.payload())
                .uint16(retention.eventsDays());
    }
}
