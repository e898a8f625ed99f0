package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.api.QueryApi;
import io.faultwatch.api.QueryApiConfig;
import io.faultwatch.gateway.GatewayConfig;
import io.faultwatch.gateway.IngestGateway;
import io.faultwatch.jobs.ErrorPipelineJob;
import io.faultwatch.jobs.PipelineConfig;
import io.faultwatch.jobs.PipelineConnectors;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a user relies on: Sentry events over HTTP (hand-written store requests and the
 * real Sentry Java SDK) → the gateway → Kafka → ErrorPipelineJob on a MiniCluster → PostgreSQL
 * and ClickHouse → the query API, with exact counts, on the real services.
 */
class PipelineEndToEndITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path checkpoints;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Long> projects = new ArrayList<>();
    private Vertx vertx;
    private JobClient job;

    @AfterEach
    void stopEverything() throws Exception {
        Sentry.close();
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            await(vertx.close());
        }
        try (Connection db = LocalServices.postgres()) {
            for (long project : projects) {
                for (String table : List.of("issues", "project_keys", "projects")) {
                    String column = table.equals("projects") ? "id" : "project_id";
                    try (PreparedStatement delete = db.prepareStatement(
                            "DELETE FROM " + table + " WHERE " + column + " = ?")) {
                        delete.setLong(1, project);
                        delete.executeUpdate();
                    }
                }
            }
        }
    }

    @Test
    void sentryEventsBecomeIssuesAndPerMinuteStatsWithExactCounts() throws Exception {
        long backend = LocalServices.randomProjectId();
        long frontend = LocalServices.randomProjectId();
        String backendKey = createProject(backend);
        String frontendKey = createProject(frontend);
        Instant since = Instant.now().minusSeconds(60);

        vertx = Vertx.vertx();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FW_GATEWAY_PORT", "0");
        env.put("FW_API_PORT", "0");
        int gatewayPort = await(IngestGateway.start(vertx, GatewayConfig.fromEnv(env))).port();
        String api = "http://127.0.0.1:" + await(QueryApi.start(vertx, QueryApiConfig.fromEnv(env))).port();
        startPipeline();

        // Backend: hand-written Sentry store requests, as any SDK or HTTP client may send them.
        String store = "http://127.0.0.1:" + gatewayPort + "/api/" + backend + "/store/?sentry_key=" + backendKey;
        for (int line : new int[] {41, 41, 42, 57, 41}) {
            assertAccepted(post(store, numberFormatException(line)));
        }
        for (int amount : new int[] {120, 99, 4500}) {
            assertAccepted(post(store, message("Payment of " + amount + " EUR declined for order "
                    + UUID.randomUUID())));
        }
        for (int i = 0; i < 2; i++) {
            assertAccepted(post(store, nullPointerException()));
        }
        // Rejected requests are answered with an error and never counted.
        assertThat(post(store.replace(backendKey, "0".repeat(32)), nullPointerException()).statusCode()).isEqualTo(401);
        assertThat(post(store, "{\"exception\": [").statusCode()).isEqualTo(400);

        // Frontend: the official Sentry Java SDK, pointed at the DSN like a user would.
        Sentry.init(options -> {
            options.setDsn("http://" + frontendKey + "@127.0.0.1:" + gatewayPort + "/" + frontend);
            options.addInAppInclude("io.faultwatch.e2e");
            options.setMaxQueueSize(100);
        });
        for (int i = 0; i < 4; i++) {
            try {
                renderReport(i);
            } catch (IllegalStateException e) {
                Sentry.captureException(e);
            }
        }
        Sentry.captureMessage("Cache warm-up took 1532 ms", SentryLevel.WARNING);
        Sentry.captureMessage("Cache warm-up took 87 ms", SentryLevel.WARNING);
        Sentry.flush(10_000);

        // Three bugs, three issues: line numbers and the ids inside messages do not split them.
        assertEventually(() -> issueCounts(api, backend), Map.of(5L, 1L, 3L, 1L, 2L, 1L));
        Map<String, Long> titles = issueTitles(api, backend);
        assertThat(titles).hasSize(3)
                .containsEntry("NumberFormatException: For input string: \"ten\"", 5L)
                .containsEntry("NullPointerException: cart is empty", 2L);
        assertThat(titles.entrySet()).filteredOn(title -> title.getKey().startsWith("Payment of "))
                .singleElement().satisfies(title -> assertThat(title.getValue()).isEqualTo(3L));
        assertEventually(() -> statsTotal(api, backend, since), 10L);
        assertEventually(() -> issueCounts(api, frontend), Map.of(4L, 1L, 2L, 1L));
        assertEventually(() -> statsTotal(api, frontend, since), 6L);

        // Nothing is counted twice once the early window firings and the final one have passed.
        Thread.sleep(3_000);
        assertThat(statsTotal(api, backend, since)).isEqualTo(10L);
        assertThat(issueCounts(api, frontend)).isEqualTo(Map.of(4L, 1L, 2L, 1L));
    }

    private static void renderReport(int attempt) {
        throw new IllegalStateException("report " + attempt + " has no rows");
    }

    private void startPipeline() throws Exception {
        PipelineConfig config = new PipelineConfig(LocalServices.ADDRESSES, "fw-e2e-" + UUID.randomUUID(),
                checkpoints.toUri().toString(), Duration.ofSeconds(1), 2, Duration.ofDays(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        ErrorPipelineJob.build(env,
                PipelineConnectors.eventsSource(config, OffsetsInitializer.offsets(eventsEndOffsets())),
                PipelineConnectors.deadLetterSink(config),
                PipelineConnectors.issueSink(config),
                PipelineConnectors.minuteCountSink(config),
                config.issueRetention());
        job = env.executeAsync("faultwatch-e2e");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            assertThat(System.nanoTime()).as("the job is running within %s", TIMEOUT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Start where the topic ends now, so the test reads only its own events, not the shared history. */
    private static Map<TopicPartition, Long> eventsEndOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = LocalServices.kafkaConsumer(
                Topics.EVENTS, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private String createProject(long id) throws Exception {
        projects.add(id);
        String key = UUID.randomUUID().toString().replace("-", "");
        try (Connection db = LocalServices.postgres();
             PreparedStatement project = db.prepareStatement("INSERT INTO projects (id, slug, name) VALUES (?, ?, ?)");
             PreparedStatement projectKey = db.prepareStatement(
                     "INSERT INTO project_keys (public_key, project_id) VALUES (?, ?)")) {
            project.setLong(1, id);
            project.setString(2, "e2e-" + id);
            project.setString(3, "End-to-end " + id);
            project.executeUpdate();
            projectKey.setString(1, key);
            projectKey.setLong(2, id);
            projectKey.executeUpdate();
        }
        return key;
    }

    private static String numberFormatException(int line) {
        ObjectNode event = baseEvent("error");
        ObjectNode exception = event.putObject("exception").putArray("values").addObject()
                .put("type", "NumberFormatException").put("value", "For input string: \"ten\"")
                .put("module", "java.lang");
        ArrayNode frames = exception.putObject("stacktrace").putArray("frames");
        frames.addObject().put("module", "com.acme.orders.OrderController").put("function", "create")
                .put("lineno", 88).put("in_app", true);
        frames.addObject().put("module", "com.acme.orders.OrderService").put("function", "parseQuantity")
                .put("lineno", line).put("in_app", true);
        frames.addObject().put("module", "java.lang.Integer").put("function", "parseInt")
                .put("lineno", 661).put("in_app", false);
        return event.toString();
    }

    private static String nullPointerException() {
        ObjectNode event = baseEvent("error");
        event.putObject("exception").putArray("values").addObject()
                .put("type", "NullPointerException").put("value", "cart is empty")
                .putObject("stacktrace").putArray("frames").addObject()
                .put("module", "com.acme.cart.Cart").put("function", "total").put("lineno", 12).put("in_app", true);
        return event.toString();
    }

    private static String message(String text) {
        ObjectNode event = baseEvent("warning");
        event.put("message", text);
        return event.toString();
    }

    private static ObjectNode baseEvent(String level) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", UUID.randomUUID().toString().replace("-", ""));
        event.put("timestamp", Instant.now().toEpochMilli() / 1000.0);
        event.put("platform", "java");
        event.put("level", level);
        event.put("environment", "production");
        event.put("release", "shop@1.4.2");
        return event;
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).matches("\\{\"id\":\"[0-9a-f]{32}\"}");
    }

    private JsonNode getJson(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed", e);
        }
    }

    /** times_seen → how many issues have it: the shape of the grouping, independent of hashes. */
    private Map<Long, Long> issueCounts(String api, long project) {
        Map<Long, Long> shape = new TreeMap<>();
        getJson(api + "/api/v1/projects/" + project + "/issues").get("data")
                .forEach(issue -> shape.merge(issue.get("times_seen").asLong(), 1L, Long::sum));
        return shape;
    }

    private Map<String, Long> issueTitles(String api, long project) {
        Map<String, Long> titles = new TreeMap<>();
        getJson(api + "/api/v1/projects/" + project + "/issues").get("data")
                .forEach(issue -> titles.put(issue.get("title").asText(), issue.get("times_seen").asLong()));
        return titles;
    }

    private long statsTotal(String api, long project, Instant since) {
        JsonNode stats = getJson(api + "/api/v1/projects/" + project + "/stats?since=" + since.getEpochSecond());
        long sum = 0;
        for (JsonNode point : stats.get("series")) {
            sum += point.get("count").asLong();
        }
        assertThat(stats.get("total").asLong()).as("total equals the sum of the series").isEqualTo(sum);
        return sum;
    }

    private static <T> void assertEventually(Supplier<T> actual, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T last = actual.get();
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = actual.get();
        }
        assertThat(last).isEqualTo(expected);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
