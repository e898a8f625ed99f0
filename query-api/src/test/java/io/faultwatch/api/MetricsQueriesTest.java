package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL text; that it runs, on the real ClickHouse, is QueryApiITCase's part. */
class MetricsQueriesTest {

    private static final MetricsQueries QUERIES = new MetricsQueries("faultwatch");
    private static final TimeRange HOURS =
            new TimeRange(Instant.ofEpochSecond(1_795_000_000 / 3600 * 3600), Instant.ofEpochSecond(1_795_040_000), Interval.HOUR);

    @Test
    void readsTheIntervalsTablesAndFinalizesEachKeyBeforeSumming() {
        String sql = QUERIES.eventSeries(7, HOURS, MetricFilters.NONE);

        assertThat(sql).isEqualTo("SELECT toUInt32(time) AS bucket_epoch, sum(c) AS events,"
                + " uniqCombinedMerge(14)(u) AS users FROM (SELECT time, maxMerge(event_count) AS c,"
                + " uniqCombinedMergeState(14)(users) AS u FROM faultwatch.error_metrics_1h WHERE project_id = 7"
                + " AND time >= toDateTime(1794999600) AND time < toDateTime(1795040000)"
                + " GROUP BY environment, release, fingerprint, level, time)"
                + " GROUP BY bucket_epoch WITH TOTALS ORDER BY bucket_epoch FORMAT JSON");
    }

    @Test
    void quotesEveryFilterValueAsALiteral() {
        MetricFilters filters = new MetricFilters("prod' OR '1'='1", "shop@1\\' --", "error", "fp'); DROP TABLE x; --");

        String sql = QUERIES.eventSeries(7, HOURS, filters);

        // Quotes doubled, backslashes escaped: nothing can end the literal early.
        assertThat(sql).contains(" AND environment = 'prod'' OR ''1''=''1'",
                " AND release = 'shop@1\\\\'' --'", " AND level = 'error'",
                " AND fingerprint = 'fp''); DROP TABLE x; --'");
    }

    @Test
    void sessionsAreNarrowedByEnvironmentAndReleaseOnly() {
        String sql = QUERIES.sessionSeries(7, HOURS, new MetricFilters("production", "shop@1", "error", "fp"));

        assertThat(sql).contains("FROM faultwatch.session_metrics_1h", " AND environment = 'production'",
                " AND release = 'shop@1'").doesNotContain("level", "fingerprint");
    }

    @Test
    void pagesEventsNewestFirstAfterTheCursor() {
        String first = QUERIES.issueEvents(7, "fp", null, 50);
        String next = QUERIES.issueEvents(7, "fp", new EventCursor(1_795_000_000_123L, "abc"), 50);

        assertThat(first).contains("FROM faultwatch.events FINAL WHERE project_id = 7 AND fingerprint = 'fp'"
                + " ORDER BY received_at_ms DESC, event_id DESC LIMIT 51");
        assertThat(next).contains(" AND (received_at_ms < 1795000000123 OR (received_at_ms = 1795000000123"
                + " AND event_id < 'abc'))");
    }

    @Test
    void errorMetricsFilterBySourceTypeLevelAndProject() {
        String sql = QUERIES.errorMetricSeries(HOURS, new ErrorMetricFilters(List.of(7L), 7L, "api",
                "java.lang.IllegalStateException", "fatal"));

        assertThat(sql).contains("toStartOfHour(received_at, 'UTC')", " AND project_id IN (7)",
                " AND " + MetricsQueries.SOURCE + " = 'api'", " AND error_type = 'java.lang.IllegalStateException'",
                " AND level = 'fatal'");
        assertThat(QUERIES.errorMetricGroups(HOURS, new ErrorMetricFilters(List.of(7L, 9L), null, null, null, null), 20))
                .contains(" AND project_id IN (7, 9)").endsWith("LIMIT 20 FORMAT JSONEachRow");
    }

    @Test
    void errorMetricsOfAnOrganizationWithoutProjectsMatchNothing() {
        assertThat(QUERIES.errorMetricSeries(HOURS, new ErrorMetricFilters(List.of(), null, null, null, null)))
                .contains(" AND 0");
    }
}
