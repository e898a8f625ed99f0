package io.faultwatch.api;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.api.Stats.Buckets;
import io.faultwatch.api.Stats.EventCounts;
import io.faultwatch.api.Stats.SessionCounts;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * All ClickHouse reads of the query API; the SQL is {@link MetricsQueries}'. client-v2 blocks, so every
 * query runs on a Vert.x worker thread and comes back as a Future.
 */
public final class MetricsStore implements AutoCloseable {

    private static final long QUERY_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Client client;
    private final MetricsQueries queries;

    private MetricsStore(Vertx vertx, Client client, String database) {
        this.vertx = vertx;
        this.client = client;
        this.queries = new MetricsQueries(database);
    }

    public static MetricsStore create(Vertx vertx, ServiceAddresses services) {
        Client client = ClickHouseClients.builder(services)
                .setSocketTimeout(QUERY_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        return new MetricsStore(vertx, client, services.clickhouseDatabase());
    }

    /** Events and users per bucket of the range, and for the whole range. */
    public Future<Buckets<EventCounts>> eventCounts(long projectId, TimeRange range, MetricFilters filters) {
        return buckets(queries.eventSeries(projectId, range, filters), EventCounts.ZERO,
                row -> new EventCounts(row.get("events").asLong(), row.get("users").asLong()));
    }

    /** Session counts per bucket of the range, and for the whole range (environment and release filters only). */
    public Future<Buckets<SessionCounts>> sessionCounts(long projectId, TimeRange range, MetricFilters filters) {
        return buckets(queries.sessionSeries(projectId, range, filters), SessionCounts.ZERO,
                row -> new SessionCounts(row.get("started").asLong(), row.get("exited").asLong(),
                        row.get("errored").asLong(), row.get("crashed").asLong(), row.get("abnormal").asLong()));
    }

    /** Events per bucket across projects (the events table), and for the whole range. */
    public Future<Buckets<Long>> errorMetricCounts(TimeRange range, ErrorMetricFilters filters) {
        return buckets(queries.errorMetricSeries(range, filters), 0L, row -> row.get("events").asLong());
    }

    /** The largest (source, error_type, level) groups: rows with those fields and events. */
    public Future<List<JsonNode>> errorMetricGroups(TimeRange range, ErrorMetricFilters filters, int limit) {
        return rows(queries.errorMetricGroups(range, filters, limit));
    }

    /** Rows with fingerprint, events and users, most events first. */
    public Future<List<JsonNode>> topIssues(long projectId, TimeRange range, MetricFilters filters, int limit) {
        return rows(queries.topIssues(projectId, range, filters, limit));
    }

    /** Up to {@code limit + 1} rows of {@link MetricsQueries#EVENT_COLUMNS}, newest first. */
    public Future<List<JsonNode>> issueEvents(long projectId, String fingerprint, EventCursor after, int limit) {
        return rows(queries.issueEvents(projectId, fingerprint, after, limit));
    }

    public Future<Void> ping() {
        return vertx.executeBlocking(() -> {
            if (!client.ping(TimeUnit.SECONDS.toMillis(5))) {
                throw new IllegalStateException("ClickHouse does not answer ping");
            }
            return null;
        }, false);
    }

    /** Runs a statement that returns nothing (DDL); for the retention task. */
    Future<Void> execute(String sql) {
        return vertx.executeBlocking(() -> {
            try (QueryResponse ignored = client.query(sql).get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return null;
            }
        }, false);
    }

    /** The rows of a FORMAT JSONEachRow query. */
    Future<List<JsonNode>> rows(String sql) {
        return vertx.executeBlocking(() -> {
            try (QueryResponse response = client.query(sql).get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return ClickHouseClients.jsonEachRow(response);
            }
        }, false);
    }

    /** A FORMAT JSON query WITH TOTALS, grouped by bucket_epoch; {@code zero} is the total of no rows. */
    private <T> Future<Buckets<T>> buckets(String sql, T zero, Function<JsonNode, T> values) {
        return vertx.executeBlocking(() -> {
            JsonNode result;
            try (QueryResponse response = client.query(sql).get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                 InputStream body = response.getInputStream()) {
                result = JSON.readTree(body);
            }
            Map<Instant, T> byTime = new HashMap<>();
            // Quoted 64-bit integers, as in JSONEachRow: asLong reads both.
            for (JsonNode row : result.path("data")) {
                byTime.put(Instant.ofEpochSecond(row.get("bucket_epoch").asLong()), values.apply(row));
            }
            // Some releases leave the totals out of an empty result.
            JsonNode totals = result.get("totals");
            return new Buckets<>(byTime, totals == null || totals.isNull() || byTime.isEmpty() ? zero : values.apply(totals));
        }, false);
    }

    @Override
    public void close() {
        client.close();
    }
}
