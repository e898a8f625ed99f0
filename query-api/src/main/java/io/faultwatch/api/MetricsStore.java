package io.faultwatch.api;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.sql.SQLUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * All ClickHouse access of the query API. client-v2 blocks, so every query runs on a Vert.x worker
 * thread and comes back as a Future.
 */
public final class MetricsStore implements AutoCloseable {

    private static final long QUERY_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Client client;
    private final String metricsTable;

    private MetricsStore(Vertx vertx, Client client, String database) {
        this.vertx = vertx;
        this.client = client;
        this.metricsTable = database + ".error_metrics_1m";
    }

    public static MetricsStore create(Vertx vertx, ServiceAddresses services) {
        Client client = ClickHouseClients.builder(services)
                .setSocketTimeout(QUERY_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        return new MetricsStore(vertx, client, services.clickhouseDatabase());
    }

    /**
     * Event counts per minute of the range, only for minutes that have rows. FINAL makes
     * ReplacingMergeTree return the newest version of each (project, minute, fingerprint) row even
     * before its parts merge, so a re-emitted minute is not counted twice.
     *
     * @param fingerprint only this events, or all issues of the project when null
     */
    public Future<Map<Instant, Long>> countsPerMinute(long projectId, String fingerprint, StatsRange range) {
        // The epoch alias must not be named "minute": ClickHouse lets aliases shadow columns in WHERE.
        String sql = "SELECT toUInt32(minute) AS minute_epoch, sum(event_count) AS count"
                + " FROM " + metricsTable + " FINAL"
                + " WHERE project_id = " + projectId
                + " AND minute >= toDateTime(" + range.since().getEpochSecond() + ")"
                + " AND minute < toDateTime(" + range.until().getEpochSecond() + ")"
                + (fingerprint == null ? "" : " AND fingerprint = " + SQLUtils.enquoteLiteral(fingerprint))
                + " GROUP BY minute_epoch ORDER BY minute_epoch"
                + " FORMAT JSONEachRow";
        return vertx.executeBlocking(() -> readCounts(sql), false);
    }

    public Future<Void> ping() {
        return vertx.executeBlocking(() -> {
            if (!client.ping(TimeUnit.SECONDS.toMillis(5))) {
                throw new IllegalStateException("ClickHouse does not answer ping");
            }
            return null;
        }, false);
    }

    private Map<Instant, Long> readCounts(String sql) throws Exception {
        Map<Instant, Long> counts = new HashMap<>();
        try (QueryResponse response = client.query(sql).get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
             BufferedReader lines = new BufferedReader(
                     new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                // JSONEachRow quotes 64-bit integers by default; asLong reads numbers and quoted numbers alike.
                counts.put(Instant.ofEpochSecond(row.get("minute_epoch").asLong()), row.get("count").asLong());
            }
        }
        return counts;
    }

    @Override
    public void close() {
        client.close();
    }
}
