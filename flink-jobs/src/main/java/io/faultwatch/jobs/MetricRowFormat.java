package io.faultwatch.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link MetricRow}s into {@code error_metrics_rows} ({@link #ERRORS}: per issue and level, with user
 * hashes) or {@code session_metrics_rows} ({@link #SESSIONS}). Times are epoch seconds: unlike a
 * date-time string they do not depend on the server's time zone.
 */
public final class MetricRowFormat implements ReplacingRowFormat<MetricRow> {

    public static final MetricRowFormat ERRORS = new MetricRowFormat("error_metrics_rows", true);
    public static final MetricRowFormat SESSIONS = new MetricRowFormat("session_metrics_rows", false);

    /**
     * A later row of a minute holds all an earlier one does (absolute counts, all users so far; a key's rows
     * reach the writer in the order its running totals emitted them), so it replaces it.
     */
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
    public void write(MetricRow row, ProjectRetentions.Retention retention, RowBinary out) {
        MetricKey key = row.key();
        out.uint64(key.projectId()).string(key.environment()).string(key.release());
        if (perIssue) {
            out.string(key.fingerprint()).string(key.level());
        }
        out.dateTime(row.minute() / 1000)
                .uint64Array(row.minuteCounts())
                .uint64Array(row.hourCounts())
                .uint64Array(row.dayCounts());
        if (perIssue) {
            out.uint64Array(row.userHashes());
        }
        out.uint16(retention.metricsDays());
    }

    @Override
    public Object batchKey(MetricRow row) {
        return new BatchKey(row.key(), row.minute());
    }
}
