package io.faultwatch.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MetricRow}s into {@code error_metrics_rows} ({@link #ERRORS}: per issue and level, with user
 * hashes) or {@code session_metrics_rows} ({@link #SESSIONS}). Times are epoch seconds: unlike a
 * date-time string they do not depend on the server's time zone.
 */
public final class MetricRowFormat implements RowFormat<MetricRow> {

    public static final MetricRowFormat ERRORS = new MetricRowFormat("error_metrics_rows", true);
    public static final MetricRowFormat SESSIONS = new MetricRowFormat("session_metrics_rows", false);

    private static final ObjectMapper JSON = new ObjectMapper();

    private record BatchKey(MetricKey key, long minute) {}

    private final String table;
    /** Whether rows are per issue: fingerprint, level and users. */
    private final boolean perIssue;

    private MetricRowFormat(String table, boolean perIssue) {
        this.table = table;
        this.perIssue = perIssue;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("project_id", "environment", "release"));
        if (perIssue) {
            columns.addAll(List.of("fingerprint", "level"));
        }
        columns.addAll(List.of("minute", "minute_counts", "hour_counts", "day_counts"));
        if (perIssue) {
            columns.add("user_hashes");
        }
        columns.add("retention_days");
        return columns;
    }

    @Override
    public long projectId(MetricRow row) {
        return row.key().projectId();
    }

    @Override
    public ObjectNode toJson(MetricRow row, ProjectRetentions.Retention retention) {
        MetricKey key = row.key();
        ObjectNode json = JSON.createObjectNode()
                .put("project_id", key.projectId())
                .put("environment", key.environment())
                .put("release", key.release());
        if (perIssue) {
            json.put("fingerprint", key.fingerprint()).put("level", key.level());
        }
        json.put("minute", row.minute() / 1000)
                .<ObjectNode>set("minute_counts", JSON.valueToTree(row.minuteCounts()))
                .<ObjectNode>set("hour_counts", JSON.valueToTree(row.hourCounts()))
                .set("day_counts", JSON.valueToTree(row.dayCounts()));
        if (perIssue) {
            json.set("user_hashes", JSON.valueToTree(row.userHashes()));
        }
        return json.put("retention_days", retention.metricsDays());
    }

    @Override
    public Object batchKey(MetricRow row) {
        return new BatchKey(row.key(), row.minute());
    }

    /**
     * The later row of a minute holds all the earlier one does: absolute counts, all users so far. (A key's
     * rows reach its writer in the order its running totals emitted them.)
     */
    @Override
    public boolean supersedes(MetricRow candidate, MetricRow current) {
        return true;
    }
}
