package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.MetricRow;
import io.faultwatch.jobs.MetricRowFormat;
import io.faultwatch.jobs.MinuteMetric;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.testing.LocalServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error metrics path from the job's running totals through the ClickHouse writer into the minute,
 * hour and day tables of the real ClickHouse: minutes re-emitted as they grow, whole batches written
 * again as after a restore (older rows after newer ones, too), and the partial totals of a job that saw
 * only part of the stream must leave every table with exactly the complete counts and users, never a
 * sum of emissions.
 */
class MetricRollupsITCase {

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final String DB = LocalServices.ADDRESSES.clickhouseDatabase();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;
    /** A UTC midnight two days ago: well within the retention, and its day is complete. */
    private static final long D = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).toEpochMilli();
    private static final MetricKey PRODUCTION = new MetricKey(PROJECT, "production", "shop@1.0", "fp-a", "error");
    private static final MetricKey STAGING = new MetricKey(PROJECT, "staging", "shop@1.0", "fp-a", "error");

    private static Client clickhouse;

    @BeforeAll
    static void setUp() throws Exception {
        clickhouse = LocalServices.clickhouse();
        SinkWrites.createProject(PROJECT, "metrics_retention_days", 45);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (clickhouse != null) {
            clickhouse.close();
        }
        SinkWrites.deleteProject(PROJECT);
    }

    @Test
    void reEmittedAndReplayedMinutesLeaveExactMinuteHourAndDayCounts() throws Exception {
        List<MetricRow> rows = runningTotals(
                firing(PRODUCTION, D + 10 * HOUR, 2, "u1"),
                firing(STAGING, D + 10 * HOUR, 3, "u5"),
                firing(PRODUCTION, D + 10 * HOUR, 5, "u1", "u2"), // the same minute, grown
                firing(PRODUCTION, D + 10 * HOUR + MINUTE, 1, "u3"),
                firing(PRODUCTION, D + 11 * HOUR + 30 * MINUTE, 4, "u1"),
                firing(PRODUCTION, D + DAY, 7, "u4"));

        // Each firing written on its own, as the writer flushes about every second.
        for (MetricRow row : rows) {
            SinkWrites.clickHouse(MetricRowFormat.ERRORS, List.of(row));
        }
        // A restore from a checkpoint taken after the second firing writes the rest again, in one batch...
        SinkWrites.clickHouse(MetricRowFormat.ERRORS, rows.subList(2, rows.size()));
        // ...and one written before the newest rows of its hour and day arrives last.
        SinkWrites.clickHouse(MetricRowFormat.ERRORS, List.of(rows.get(0), rows.get(3)));
        // A second job that started reading in the middle of the hour (a job started without its state,
        // or another one on the same topic) writes later, lower totals: they must not replace complete ones.
        SinkWrites.clickHouse(MetricRowFormat.ERRORS, runningTotals(firing(PRODUCTION, D + 10 * HOUR + MINUTE, 1, "u3"),
                firing(PRODUCTION, D + 11 * HOUR + 30 * MINUTE, 4, "u1")));

        assertThat(counts("error_metrics_1m")).isEqualTo(Map.of(
                "production " + (D + 10 * HOUR), "5 events, 2 users",
                "production " + (D + 10 * HOUR + MINUTE), "1 events, 1 users",
                "production " + (D + 11 * HOUR + 30 * MINUTE), "4 events, 1 users",
                "production " + (D + DAY), "7 events, 1 users",
                "staging " + (D + 10 * HOUR), "3 events, 1 users"));
        assertThat(counts("error_metrics_1h")).isEqualTo(Map.of(
                "production " + (D + 10 * HOUR), "6 events, 3 users",
                "production " + (D + 11 * HOUR), "4 events, 1 users",
                "production " + (D + DAY), "7 events, 1 users",
                "staging " + (D + 10 * HOUR), "3 events, 1 users"));
        assertThat(counts("error_metrics_1d")).isEqualTo(Map.of(
                "production " + D, "10 events, 3 users",
                "production " + (D + DAY), "7 events, 1 users",
                "staging " + D, "3 events, 1 users"));
        assertThat(SinkWrites.query(clickhouse, "SELECT DISTINCT retention_days FROM " + DB + ".error_metrics_1d WHERE project_id = " + PROJECT))
                .extracting(row -> row.get("retention_days").asInt())
                .as("the project's metrics retention, read from PostgreSQL")
                .containsExactly(45);
    }

    private static MinuteMetric firing(MetricKey key, long minute, long count, String... users) {
        long[] hashes = Arrays.stream(users).mapToLong(user -> UserIdentity.hash("id:" + user)).sorted().toArray();
        return new MinuteMetric(key, minute, new long[] {count}, hashes);
    }

    /** The rows the job's running totals emit for these firings. */
    private static List<MetricRow> runningTotals(MinuteMetric... firings) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<MetricKey, MinuteMetric, MetricRow> harness =
                     new KeyedOneInputStreamOperatorTestHarness<>(
                             new KeyedProcessOperator<>(new RunningTotals(Duration.ofMinutes(1))),
                             new MinuteMetricKeySelector(), TypeInformation.of(MetricKey.class))) {
            harness.open();
            long now = System.currentTimeMillis();
            for (MinuteMetric firing : firings) {
                harness.setProcessingTime(now++);
                harness.processElement(firing, firing.minute());
            }
            return harness.extractOutputValues();
        }
    }

    /** "environment time-ms" → "N events, M users", per row of the table. */
    private static Map<String, String> counts(String table) throws Exception {
        Map<String, String> counts = new TreeMap<>();
        for (JsonNode row : SinkWrites.query(clickhouse, "SELECT environment, toUInt32(time) AS epoch,"
                + " maxMerge(event_count) AS events, uniqCombinedMerge(14)(users) AS users FROM " + DB + "." + table
                + " WHERE project_id = " + PROJECT
                + " GROUP BY environment, release, fingerprint, level, time")) {
            counts.put(row.get("environment").asText() + " " + row.get("epoch").asLong() * 1000,
                    row.get("events").asLong() + " events, " + row.get("users").asLong() + " users");
        }
        return counts;
    }
}
