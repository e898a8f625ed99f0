package io.faultwatch.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link EventRow}s into ClickHouse {@code events}. */
public final class EventRowFormat implements RowFormat<EventRow> {

    public static final EventRowFormat INSTANCE = new EventRowFormat();

    private static final List<String> COLUMNS = List.of("project_id", "event_id", "received_at", "received_at_ms",
            "timestamp_ms", "level", "environment", "release", "platform", "server_name", "transaction", "error_type",
            "error_value", "message", "fingerprint", "title", "culprit", "user_hash", "tag_keys", "tag_values",
            "payload", "retention_days");

    private static final ObjectMapper JSON = new ObjectMapper();

    private record BatchKey(long projectId, String eventId, long receivedAt) {}

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
    public ObjectNode toJson(EventRow row, ProjectRetentions.Retention retention) {
        return JSON.createObjectNode()
                .put("project_id", row.projectId())
                .put("event_id", row.eventId())
                .put("received_at", row.receivedAt() / 1000)
                .put("received_at_ms", row.receivedAt())
                // Epoch ms as ClickHouse's UInt64: an SDK's clock before 1970 counts as 0.
                .put("timestamp_ms", Math.max(0, row.timestamp()))
                .put("level", row.level())
                .put("environment", row.environment())
                .put("release", row.release())
                .put("platform", row.platform())
                .put("server_name", row.serverName())
                .put("transaction", row.transaction())
                .put("error_type", row.errorType())
                .put("error_value", row.errorValue())
                .put("message", row.message())
                .put("fingerprint", row.fingerprint())
                .put("title", row.title())
                .put("culprit", row.culprit())
                .put("user_hash", row.userHash())
                .<ObjectNode>set("tag_keys", JSON.valueToTree(row.tagKeys()))
                .<ObjectNode>set("tag_values", JSON.valueToTree(row.tagValues()))
                .put("payload", new String(row.payload(), StandardCharsets.UTF_8))
                .put("retention_days", retention.eventsDays());
    }

    @Override
    public Object batchKey(EventRow row) {
        return new BatchKey(row.projectId(), row.eventId(), row.receivedAt());
    }

    /** The same event read twice (a replay) is the same row. */
    @Override
    public boolean supersedes(EventRow candidate, EventRow current) {
        return true;
    }
}
