package io.faultwatch.api;

import com.clickhouse.client.api.sql.SQLUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of every ClickHouse read of the query API, valid on ClickHouse 18.16 and current releases.
 * Numbers come from parsed values; every string a client sent goes through
 * {@link SQLUtils#enquoteLiteral}. Pure: builds text, runs nothing.
 *
 * <p>Metric tables hold one row per key and bucket whose counts are {@code max} states (see
 * sql/clickhouse/V7__metrics_as_max.sql): they are finalized per key and bucket first, then summed over
 * the keys. Users are {@code uniqCombined(14)} states, merged across keys and buckets (the range's users
 * come from WITH TOTALS). The events table is a ReplacingMergeTree, read with FINAL.
 */
final class MetricsQueries {

    /** The service of an event: its {@code service} tag, else its server name. */
    static final String SOURCE = "if(has(tag_keys, 'service'), tag_values[indexOf(tag_keys, 'service')], server_name)";
    static final List<String> EVENT_COLUMNS = List.of("event_id", "received_at_ms", "timestamp_ms", "level",
            "environment", "release", "platform", "server_name", "transaction", "error_type", "error_value", "message",
            "fingerprint", "user_hash", "tag_keys", "tag_values", "payload");

    private final String database;

    MetricsQueries(String database) {
        this.database = database;
    }

    /** Per bucket: bucket_epoch, events, users; totals of both. FORMAT JSON. */
    String eventSeries(long projectId, TimeRange range, MetricFilters filters) {
        return "SELECT toUInt32(time) AS bucket_epoch, sum(c) AS events, uniqCombinedMerge(14)(u) AS users"
                + " FROM (" + perIssueBuckets(projectId, range, filters, "time") + ")"
                + " GROUP BY bucket_epoch WITH TOTALS ORDER BY bucket_epoch FORMAT JSON";
    }

    /** Per bucket: bucket_epoch and the session counts; totals of them. FORMAT JSON. */
    String sessionSeries(long projectId, TimeRange range, MetricFilters filters) {
        List<String> conditions = rangeConditions(projectId, range);
        addEquals(conditions, "environment", filters.environment());
        addEquals(conditions, "release", filters.release());
        return "SELECT toUInt32(time) AS bucket_epoch, sum(s) AS started, sum(x) AS exited, sum(e) AS errored,"
                + " sum(c) AS crashed, sum(a) AS abnormal"
                + " FROM (SELECT time, maxMerge(started) AS s,"
                + " maxMerge(exited) AS x, maxMerge(errored) AS e, maxMerge(crashed) AS c,"
                + " maxMerge(abnormal) AS a"
                + " FROM " + database + ".session_metrics_" + range.interval().tableSuffix()
                + " WHERE " + String.join(" AND ", conditions)
                + " GROUP BY environment, release, time)"
                + " GROUP BY bucket_epoch WITH TOTALS ORDER BY bucket_epoch FORMAT JSON";
    }

    /** The issues with the most events in the range: fingerprint, events, users. FORMAT JSONEachRow. */
    String topIssues(long projectId, TimeRange range, MetricFilters filters, int limit) {
        return "SELECT fingerprint, sum(c) AS events, uniqCombinedMerge(14)(u) AS users"
                + " FROM (" + perIssueBuckets(projectId, range, filters, "fingerprint") + ")"
                + " GROUP BY fingerprint ORDER BY events DESC, fingerprint LIMIT " + limit + " FORMAT JSONEachRow";
    }

    /** One issue's events, newest first, after the cursor; one more than the page, to tell if there is a next. */
    String issueEvents(long projectId, String fingerprint, EventCursor after, int limit) {
        List<String> conditions = new ArrayList<>(List.of("project_id = " + projectId));
        addEquals(conditions, "fingerprint", fingerprint);
        if (after != null) {
            conditions.add("(received_at_ms < " + after.receivedAtMs() + " OR (received_at_ms = "
                    + after.receivedAtMs() + " AND event_id < " + SQLUtils.enquoteLiteral(after.eventId()) + "))");
        }
        return "SELECT " + String.join(", ", EVENT_COLUMNS) + " FROM " + database + ".events FINAL"
                + " WHERE " + String.join(" AND ", conditions)
                + " ORDER BY received_at_ms DESC, event_id DESC LIMIT " + (limit + 1) + " FORMAT JSONEachRow";
    }

    /** Events per bucket across projects: bucket_epoch, events; the total. FORMAT JSON. */
    String errorMetricSeries(TimeRange range, ErrorMetricFilters filters) {
        return "SELECT toUInt32(" + eventBucket(range.interval()) + ") AS bucket_epoch, count() AS events"
                + " FROM " + database + ".events FINAL WHERE " + errorMetricConditions(range, filters)
                + " GROUP BY bucket_epoch WITH TOTALS ORDER BY bucket_epoch FORMAT JSON";
    }

    /** The largest (source, error type, level) groups of the range. FORMAT JSONEachRow. */
    String errorMetricGroups(TimeRange range, ErrorMetricFilters filters, int limit) {
        return "SELECT " + SOURCE + " AS source, error_type, level, count() AS events"
                + " FROM " + database + ".events FINAL WHERE " + errorMetricConditions(range, filters)
                + " GROUP BY source, error_type, level ORDER BY events DESC, source, error_type, level"
                + " LIMIT " + limit + " FORMAT JSONEachRow";
    }

    /** Each key's count and users state per bucket of an error metrics table, keeping the {@code output} column. */
    private String perIssueBuckets(long projectId, TimeRange range, MetricFilters filters, String output) {
        List<String> conditions = rangeConditions(projectId, range);
        addEquals(conditions, "environment", filters.environment());
        addEquals(conditions, "release", filters.release());
        addEquals(conditions, "level", filters.level());
        addEquals(conditions, "fingerprint", filters.fingerprint());
        return "SELECT " + output + ", maxMerge(event_count) AS c, uniqCombinedMergeState(14)(users) AS u"
                + " FROM " + database + ".error_metrics_" + range.interval().tableSuffix()
                + " WHERE " + String.join(" AND ", conditions)
                + " GROUP BY environment, release, fingerprint, level, time";
    }

    /** The project's rows whose bucket ({@code time}, its start) starts in the range. */
    private static List<String> rangeConditions(long projectId, TimeRange range) {
        return new ArrayList<>(List.of("project_id = " + projectId,
                "time >= toDateTime(" + range.since().getEpochSecond() + ")",
                "time < toDateTime(" + range.until().getEpochSecond() + ")"));
    }

    private static String errorMetricConditions(TimeRange range, ErrorMetricFilters filters) {
        List<String> conditions = new ArrayList<>(List.of(
                "received_at >= toDateTime(" + range.since().getEpochSecond() + ")",
                "received_at < toDateTime(" + range.until().getEpochSecond() + ")"));
        // An organization without projects has nothing to show; "IN ()" is not SQL.
        conditions.add(filters.projects().isEmpty() ? "0" : "project_id IN (" + String.join(", ",
                filters.projects().stream().map(String::valueOf).toList()) + ")");
        addEquals(conditions, SOURCE, filters.source());
        addEquals(conditions, "error_type", filters.errorType());
        addEquals(conditions, "level", filters.level());
        return String.join(" AND ", conditions);
    }

    private static String eventBucket(Interval interval) {
        return switch (interval) {
            case MINUTE -> "toStartOfMinute(received_at)";
            case HOUR -> "toStartOfHour(received_at, 'UTC')";
            case DAY -> "toStartOfDay(received_at, 'UTC')";
        };
    }

    private static void addEquals(List<String> conditions, String expression, String value) {
        if (value != null) {
            conditions.add(expression + " = " + SQLUtils.enquoteLiteral(value));
        }
    }
}
