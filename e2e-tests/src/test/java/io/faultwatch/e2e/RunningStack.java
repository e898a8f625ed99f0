package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.api.QueryApi;
import io.faultwatch.api.IssueStore;
import io.faultwatch.api.QueryApiConfig;
import io.faultwatch.api.TenantStore;
import io.faultwatch.gateway.GatewayConfig;
import io.faultwatch.gateway.IngestGateway;
import io.faultwatch.jobs.ErrorPipelineJob;
import io.faultwatch.jobs.PipelineConfig;
import io.faultwatch.jobs.PipelineConnectors;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * What a user runs, in-process on the real services: the gateway and the query API (Vert.x, free ports)
 * and ErrorPipelineJob on the test's MiniCluster, reading only what is written after it started. It
 * creates an organization with an admin token (which every API call sends) and the test's projects in
 * it, and deletes their rows again on {@link #close}. The gateway re-reads keys every second, so key
 * changes made through the API show quickly.
 */
final class RunningStack implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int PARALLELISM = 2;
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx vertx = Vertx.vertx();
    private final String pipelineGroupId = "fw-e2e-" + UUID.randomUUID();
    private int gatewayPort;
    private String api;
    private QueryApi queryApi;
    private TenantStore.NewOrganization organization;
    private JobClient job;

    private RunningStack() {}

    /** The MiniCluster the job runs on: one task manager with a slot per parallel instance. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM)
                .build());
    }

    static RunningStack start(Path checkpoints) throws Exception {
        RunningStack stack = new RunningStack();
        try {
            stack.startAll(checkpoints);
        } catch (Exception | AssertionError e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startAll(Path checkpoints) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FW_GATEWAY_PORT", "0");
        env.put("FW_API_PORT", "0");
        env.put("FW_RETENTION_INTERVAL_MINUTES", "0");
        env.put("FW_GATEWAY_KEY_REFRESH_SECONDS", "1");
        // Alert rules with windows and intervals of seconds, so a test sees them fire and resolve; a notifier of
        // its own, which still delivers each notification id once across every notifier on the shared services.
        env.put("FW_ALERT_MIN_WINDOW_SECONDS", "1");
        env.put("FW_NOTIFIER_GROUP_ID", "fw-e2e-notifier-" + UUID.randomUUID());
        env.put("FW_NOTIFIER_START", "latest");
        env.put("FW_NOTIFIER_BACKOFF_MS", "50");
        gatewayPort = await(IngestGateway.start(vertx, GatewayConfig.fromEnv(env))).port();
        env.put("FW_API_GATEWAY_URL", "http://127.0.0.1:" + gatewayPort);
        queryApi = await(QueryApi.start(vertx, QueryApiConfig.fromEnv(env)));
        api = "http://127.0.0.1:" + queryApi.port();
        String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 18);
        organization = await(new TenantStore(IssueStore.pool(vertx, LocalServices.ADDRESSES))
                .createOrganization(slug, "End-to-end " + slug, "e2e admin"));

        PipelineConfig config = PipelineConfig.fromArgs(new String[] {"--group-id", pipelineGroupId,
                "--checkpoint-dir", checkpoints.toUri().toString(), "--checkpoint-interval-ms", "1000",
                "--parallelism", Integer.toString(PARALLELISM)}, env);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        // Start where the topics end now, so the job reads only this test's records, not the shared history.
        ErrorPipelineJob.build(flink, PipelineConnectors.endpoints(config,
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.EVENTS)),
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.SESSIONS)),
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.ISSUE_COMMANDS))), config);
        job = flink.executeAsync("faultwatch-e2e");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING || !queryApi.notifierReading()) {
            assertThat(System.nanoTime()).as("the job and the notifier are running within %s", TIMEOUT)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The Kafka consumer group of the pipeline job: it commits its offsets when a checkpoint completes. */
    String pipelineGroupId() {
        return pipelineGroupId;
    }

    int gatewayPort() {
        return gatewayPort;
    }

    String api() {
        return api;
    }

    /** The organization's admin token, which every API call of the stack sends. */
    String token() {
        return organization.secret();
    }

    /** Creates a project of the stack's organization with one DSN key; returns the key. */
    String createProject(long id) throws Exception {
        String key = UUID.randomUUID().toString().replace("-", "");
        try (Connection db = LocalServices.postgres();
             PreparedStatement project = db.prepareStatement(
                     "INSERT INTO projects (id, organization_id, slug, name) VALUES (?, ?, ?, ?)");
             PreparedStatement projectKey = db.prepareStatement(
                     "INSERT INTO project_keys (public_key, project_id) VALUES (?, ?)")) {
            project.setLong(1, id);
            project.setLong(2, organization.id());
            project.setString(3, "e2e-" + id);
            project.setString(4, "End-to-end " + id);
            project.executeUpdate();
            projectKey.setString(1, key);
            projectKey.setLong(2, id);
            projectKey.executeUpdate();
        }
        return key;
    }

    /** The Sentry store endpoint of a project, authenticated with its key. */
    String storeUrl(long project, String key) {
        return "http://127.0.0.1:" + gatewayPort + "/api/" + project + "/store/?sentry_key=" + key;
    }

    /** The Sentry envelope endpoint of a project, authenticated with its key. */
    String envelopeUrl(long project, String key) {
        return "http://127.0.0.1:" + gatewayPort + "/api/" + project + "/envelope/?sentry_key=" + key;
    }

    /** An event as an SDK sends it, with the fields every test needs. */
    static ObjectNode baseEvent(String level) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", UUID.randomUUID().toString().replace("-", ""));
        event.put("timestamp", Instant.now().toEpochMilli() / 1000.0);
        event.put("platform", "java");
        event.put("level", level);
        event.put("environment", "production");
        event.put("release", "shop@1.4.2");
        return event;
    }

    /** One bug: the same exception from the same in-app frame, whoever hits it. */
    static String checkoutFailure(String user, String release, String environment) {
        ObjectNode event = baseEvent("error");
        event.put("release", release);
        event.put("environment", environment);
        event.putObject("user").put("id", user);
        event.putObject("exception").putArray("values").addObject()
                .put("type", "IllegalStateException").put("value", "payment provider timed out")
                .putObject("stacktrace").putArray("frames").addObject()
                .put("module", "com.acme.checkout.Checkout").put("function", "pay").put("lineno", 77)
                .put("in_app", true);
        return event.toString();
    }

    /** A POST to the gateway (no token: SDKs authenticate with their DSN key). */
    HttpResponse<String> post(String url, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A call of the query API with the organization's token. */
    HttpResponse<String> callApi(String method, String url, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> put(String url, String body) throws Exception {
        return callApi("PUT", url, body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts the gateway accepted the event; returns its event id. */
    static String assertAccepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).matches("\\{\"id\":\"[0-9a-f]{32}\"}");
        return JSON.readTree(response.body()).get("id").asText();
    }

    JsonNode getJson(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed", e);
        }
    }

    static <T> void assertEventually(Supplier<T> actual, T expected) throws InterruptedException {
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

    @Override
    public void close() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        // Closed apart from Vert.x: its notifier's threads would otherwise go on delivering the next test's alerts.
        if (queryApi != null) {
            await(queryApi.close());
        }
        await(vertx.close());
        if (organization == null) {
            return;
        }
        // The organization's projects include those a test created through the API.
        String ofOrganization = "(SELECT id FROM projects WHERE organization_id = ?)";
        try (Connection db = LocalServices.postgres()) {
            for (String sql : List.of("DELETE FROM alert_history WHERE project_id IN " + ofOrganization,
                    "DELETE FROM alert_rules WHERE project_id IN " + ofOrganization,
                    "DELETE FROM issues WHERE project_id IN " + ofOrganization,
                    "DELETE FROM project_keys WHERE project_id IN " + ofOrganization,
                    "DELETE FROM projects WHERE organization_id = ?",
                    "DELETE FROM api_tokens WHERE organization_id = ?",
                    "DELETE FROM organizations WHERE id = ?")) {
                try (PreparedStatement delete = db.prepareStatement(sql)) {
                    delete.setLong(1, organization.id());
                    delete.executeUpdate();
                }
            }
        }
    }
}
