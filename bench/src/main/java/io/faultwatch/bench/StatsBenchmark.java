package io.faultwatch.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.api.IssueStore;
import io.faultwatch.api.QueryApi;
import io.faultwatch.api.QueryApiConfig;
import io.faultwatch.api.Scope;
import io.faultwatch.api.TenantRows.NewToken;
import io.faultwatch.api.TenantStore;
import io.faultwatch.model.ClickHouseClients;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stats benchmark of issue 6: {@link MetricsData} generated into a ClickHouse database of its own,
 * then {@code GET /api/v1/projects/{id}/stats} of one project timed through the real query API (started
 * here, on a free port), one request at a time, for 24 hours and for 30 days. Every answer's total is
 * checked against what was generated, so a fast wrong answer fails the run. Prints and writes one JSON
 * result; scripts/bench-stats.sh turns it into its section of docs/benchmarks.md.
 */
public final class StatsBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(StatsBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GENERATE_TIMEOUT_SECONDS = 1_800;
    private static final Duration MERGE_WAIT = Duration.ofMinutes(10);

    /** @param interval null for the one the API chooses; @param targetP95Ms null when the issue sets none */
    record Scenario(String name, Duration span, String interval, Long targetP95Ms) {}

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("24 hours", Duration.ofHours(24), null, 100L),
            new Scenario("30 days", Duration.ofDays(30), null, 300L),
            new Scenario("24 hours by minute", Duration.ofHours(24), "1m", null),
            new Scenario("30 days by hour", Duration.ofDays(30), "1h", null));

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StatsBenchConfig config = StatsBenchConfig.fromArgs(args);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FW_CLICKHOUSE_DATABASE", config.database());
        env.put("FW_API_PORT", "0");
        env.put("FW_RETENTION_INTERVAL_MINUTES", "0");
        // The queries are timed, not the per-token limit (and the warm-up alone may exceed it).
        env.put("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE", "0");
        QueryApiConfig apiConfig = QueryApiConfig.fromEnv(env);
        // The data ends where today starts (UTC), so both ranges cover whole generated days.
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);

        ObjectNode result = JSON.createObjectNode();
        try (Client clickhouse = ClickHouseClients.builder(apiConfig.services())
                .setSocketTimeout(GENERATE_TIMEOUT_SECONDS, ChronoUnit.SECONDS).build()) {
            if (config.generate()) {
                result.put("generate_seconds", generate(clickhouse, config, end));
                result.put("merge_seconds", awaitMerges(clickhouse, config.database()));
            }
            result.set("tables", tableSizes(clickhouse, config.database()));
        }

        Vertx vertx = Vertx.vertx();
        try {
            QueryApi api = QueryApi.start(vertx, apiConfig).await(30, TimeUnit.SECONDS);
            // scripts/bench-stats.sh creates the bench projects in the default organization; a read token of
            // it, revoked when the run ends.
            TenantStore tenants = new TenantStore(IssueStore.pool(vertx, apiConfig.services()));
            NewToken token = tenants.createToken(TenantStore.DEFAULT_ORGANIZATION, "stats benchmark", Set.of(Scope.READ))
                    .await(10, TimeUnit.SECONDS);
            try {
                HttpClient http = HttpClient.newHttpClient();
                ArrayNode scenarios = result.putArray("scenarios");
                for (Scenario scenario : SCENARIOS) {
                    scenarios.add(run(http, api.port(), token.secret(), config, scenario, end));
                }
            } finally {
                tenants.revokeToken(TenantStore.DEFAULT_ORGANIZATION, token.token().id()).await(10, TimeUnit.SECONDS);
            }
            api.close().await(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        if (config.jsonOut() != null) {
            Files.writeString(Path.of(config.jsonOut()), json);
        }
        System.out.println(json);
    }

    private static double generate(Client clickhouse, StatsBenchConfig config, Instant end) throws Exception {
        long started = System.nanoTime();
        for (int day = 0; day < config.days(); day++) {
            long dayStart = end.minus(Duration.ofDays(config.days() - day)).getEpochSecond();
            execute(clickhouse, MetricsData.errorMetricsDay(config, day, dayStart));
            execute(clickhouse, MetricsData.sessionMetricsDay(config, day, dayStart));
            LOG.info("generated day {} of {} ({} issue minutes so far)", day + 1, config.days(),
                    (long) (day + 1) * config.issues() * MetricsData.MINUTES_PER_DAY);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Waits (at most {@link #MERGE_WAIT}) until ClickHouse has no merges of the fresh parts running: their
     * CPU would be timed along with the queries, and a long-running installation has them merged.
     */
    private static double awaitMerges(Client clickhouse, String database) throws Exception {
        long started = System.nanoTime();
        long deadline = started + MERGE_WAIT.toNanos();
        String sql = "SELECT count() AS merges FROM system.merges WHERE database = '" + database + "' FORMAT JSONEachRow";
        while (System.nanoTime() < deadline) {
            try (QueryResponse response = clickhouse.query(sql).get(60, TimeUnit.SECONDS)) {
                if (ClickHouseClients.jsonEachRow(response).get(0).get("merges").asLong() == 0) {
                    break;
                }
            }
            Thread.sleep(1_000);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void execute(Client clickhouse, String sql) throws Exception {
        clickhouse.query(sql).get(GENERATE_TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
    }

    /** Rows, bytes on disk and parts of each table, as the queries find them. */
    private static ObjectNode tableSizes(Client clickhouse, String database) throws Exception {
        ObjectNode tables = JSON.createObjectNode();
        String sql = "SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes, count() AS parts"
                + " FROM system.parts WHERE database = '" + database + "' AND active"
                + " GROUP BY table ORDER BY table FORMAT JSONEachRow";
        try (QueryResponse response = clickhouse.query(sql).get(60, TimeUnit.SECONDS)) {
            for (JsonNode row : ClickHouseClients.jsonEachRow(response)) {
                tables.putObject(row.get("table").asText())
                        .put("rows", row.get("rows").asLong())
                        .put("bytes", row.get("bytes").asLong())
                        .put("parts", row.get("parts").asLong());
            }
        }
        return tables;
    }

    private static ObjectNode run(HttpClient http, int port, String token, StatsBenchConfig config, Scenario scenario,
                                  Instant end) throws Exception {
        long days = Math.min(scenario.span().toDays() == 0 ? 1 : scenario.span().toDays(), config.days());
        long expected = config.issuesPerProject() * MetricsData.EVENTS_PER_ISSUE_DAY * days;
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/projects/" + config.firstProject() + "/stats?since="
                + end.minus(scenario.span()) + "&until=" + end
                + (scenario.interval() == null ? "" : "&interval=" + scenario.interval()));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build();
        long[] nanos = new long[config.iterations()];
        JsonNode last = null;
        for (int i = -config.warmup(); i < config.iterations(); i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (i >= 0) {
                nanos[i] = took;
            }
            last = JSON.readTree(response.body());
        }
        if (last.get("total").asLong() != expected) {
            throw new IllegalStateException(scenario.name() + ": total " + last.get("total") + ", expected " + expected);
        }
        Arrays.sort(nanos);
        ObjectNode json = JSON.createObjectNode()
                .put("name", scenario.name())
                .put("request", uri.getPath() + "?" + uri.getQuery())
                .put("interval", last.get("interval").asText())
                .put("points", last.get("series").size())
                .put("total", last.get("total").asLong())
                .put("users", last.get("users").asLong())
                .put("iterations", nanos.length)
                .put("p50_ms", millis(percentile(nanos, 50)))
                .put("p95_ms", millis(percentile(nanos, 95)))
                .put("p99_ms", millis(percentile(nanos, 99)))
                .put("max_ms", millis(nanos[nanos.length - 1]));
        if (scenario.targetP95Ms() != null) {
            json.put("target_p95_ms", scenario.targetP95Ms());
        }
        LOG.info("{}: {}", scenario.name(), json);
        return json;
    }

    /** Nearest rank on sorted values. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
