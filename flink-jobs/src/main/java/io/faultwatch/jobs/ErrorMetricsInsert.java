package io.faultwatch.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The ClickHouse INSERT of minute counts. The rows travel inline after {@code FORMAT JSONEachRow}
 * in the statement text, which ClickHouse 18.16 and current releases both accept over HTTP, and
 * JSON encoding keeps fingerprints from being read as SQL. Every column is sent.
 */
public final class ErrorMetricsInsert {

    public static final String TABLE = "error_metrics_1m";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMetricsInsert() {}

    public static String sql(String database, Collection<MinuteCount> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an INSERT needs at least one row");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(database).append('.').append(TABLE)
                .append(" (project_id, fingerprint, minute, event_count, version) FORMAT JSONEachRow\n");
        for (MinuteCount row : rows) {
            ObjectNode json = JSON.createObjectNode()
                    .put("project_id", row.projectId())
                    .put("fingerprint", row.fingerprint())
                    // Epoch seconds: unlike a date-time string they do not depend on the server's time zone.
                    .put("minute", row.minute() / 1000)
                    .put("event_count", row.eventCount())
                    .put("version", row.version());
            sql.append(json).append('\n');
        }
        return sql.toString();
    }
}
