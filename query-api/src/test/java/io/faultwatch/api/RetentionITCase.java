package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.testing.LocalServices;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention against the real ClickHouse: partitions whose rows are all older than the retention they
 * were written with are dropped, from the metric tables and the events table; younger ones and those
 * of a longer retention stay. The rows use a one-day retention no project has, so the partitions that
 * are dropped hold only this test's rows (and rows that had expired anyway).
 */
class RetentionITCase {

    private static final String DB = LocalServices.ADDRESSES.clickhouseDatabase();
    private static final long PROJECT = LocalServices.randomProjectId();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final Instant OLD = NOW.minus(Duration.ofDays(10));

    private static Vertx vertx;
    private static MetricsStore store;
    private static Client clickhouse;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        store = MetricsStore.create(vertx, LocalServices.ADDRESSES);
        clickhouse = LocalServices.clickhouse();
    }

    @AfterAll
    static void tearDown() throws Exception {
        clickhouse.close();
        store.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void dropsThePartitionsOlderThanTheirRetentionAndKeepsTheRest() throws Exception {
        insert("error_metrics_rows", metrics(OLD, 1, 1), metrics(NOW, 1, 2), metrics(OLD, 90, 3));
        insert("events", event("old", OLD, 1), event("new", NOW, 1), event("kept", OLD, 30));

        List<String> dropped = new RetentionTask(store, DB, Clock.systemUTC()).run().await(60, TimeUnit.SECONDS);

        String oldDay = "1-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(OLD, ZoneOffset.UTC));
        assertThat(dropped).contains("error_metrics_1m/" + oldDay, "events/" + oldDay);
        for (String table : List.of("error_metrics_1m", "error_metrics_1h", "error_metrics_1d")) {
            assertThat(tsv("SELECT maxMerge(event_count) AS n FROM " + DB + "." + table
                    + " WHERE project_id = " + PROJECT + " GROUP BY retention_days ORDER BY retention_days"))
                    .as(table + ": the fresh one-day row and the old 90-day row stay").isEqualTo("2\n3\n");
        }
        assertThat(tsv("SELECT event_id FROM " + DB + ".events WHERE project_id = " + PROJECT + " ORDER BY event_id"))
                .isEqualTo("kept\nnew\n");
    }

    private static ObjectNode metrics(Instant minute, int retentionDays, long count) {
        ObjectNode row = ApiTestKit.JSON.createObjectNode()
                .put("project_id", PROJECT).put("environment", "").put("release", "").put("fingerprint", "fp")
                .put("level", "error").put("minute", minute.getEpochSecond());
        row.putArray("minute_counts").add(count);
        row.putArray("hour_counts").add(count);
        row.putArray("day_counts").add(count);
        row.putArray("user_hashes");
        return row.put("retention_days", retentionDays);
    }

    private static ObjectNode event(String id, Instant receivedAt, int retentionDays) {
        ObjectNode row = ApiTestKit.JSON.createObjectNode()
                .put("project_id", PROJECT).put("event_id", id).put("received_at", receivedAt.getEpochSecond())
                .put("received_at_ms", receivedAt.toEpochMilli()).put("timestamp_ms", receivedAt.toEpochMilli());
        for (String column : List.of("level", "environment", "release", "platform", "server_name", "transaction",
                "error_type", "error_value", "message", "fingerprint", "title", "culprit", "payload")) {
            row.put(column, "");
        }
        row.putArray("tag_keys");
        row.putArray("tag_values");
        return row.put("user_hash", 0).put("retention_days", retentionDays);
    }

    private static void insert(String table, ObjectNode... rows) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO " + DB + "." + table + " FORMAT JSONEachRow\n");
        for (ObjectNode row : rows) {
            sql.append(row).append('\n');
        }
        clickhouse.query(sql.toString()).get(30, TimeUnit.SECONDS).close();
    }

    private static String tsv(String sql) throws Exception {
        try (QueryResponse response = clickhouse.query(sql + " FORMAT TSV").get(30, TimeUnit.SECONDS);
             InputStream body = response.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
