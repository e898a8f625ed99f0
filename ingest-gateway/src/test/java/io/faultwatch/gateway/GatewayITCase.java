package io.faultwatch.gateway;

import static io.faultwatch.gateway.GatewayTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.gateway.GatewayTestKit.TestProject;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.testing.WireSamples;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway on real PostgreSQL and Kafka: what it accepts reaches fw.events, what it refuses does not. */
class GatewayITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA_AUTH = "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=";

    private static GatewayTestKit kit;
    private static Vertx vertx;
    private static IngestGateway gateway;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        kit = new GatewayTestKit();
        vertx = Vertx.vertx();
        gateway = await(IngestGateway.start(vertx, kit.config()));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            await(gateway.close());
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (kit != null) {
            kit.close();
        }
    }

    // ---- accepted ----

    @Test
    void healthAnswers() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void storeEventReachesKafkaKeyedByProjectInCanonicalForm() throws Exception {
        TestProject project = kit.newProject(true);
        byte[] event = eventItem("java-exception");

        HttpResponse<String> response = post("/api/" + project.id() + "/store/", Map.of(
                "X-Sentry-Auth", JAVA_AUTH + project.key(), "Content-Type", "application/json"), event);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("id").asText()).isEqualTo("735d9a78a66c4331894dd2bd1afb80ad");
        ConsumerRecord<String, ErrorEvent> record = singleRecord(project);
        ErrorEvent stored = record.value();
        // The job's per-partition watermarks read the receive time from the Kafka timestamp.
        assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(record.timestamp()).isEqualTo(stored.receivedAt());
        assertThat(stored.eventId()).isEqualTo("735d9a78a66c4331894dd2bd1afb80ad");
        assertThat(stored.projectId()).isEqualTo(project.id());
        assertThat(stored.environment()).isEqualTo("feas-env");
        assertThat(stored.tags()).containsEntry("feature", "checkout");
        assertThat(stored.exceptions()).extracting(ErrorEvent.ExceptionInfo::type)
                .containsExactly("NumberFormatException", "IllegalStateException", "Main$AppException");
        assertThat(stored.thrownException().frames()).last()
                .satisfies(f -> assertThat(f.function()).isEqualTo("controllerLayer"));
    }

    @Test
    void storeAcceptsGzipAndTheQueryKey() throws Exception {
        TestProject project = kit.newProject(true);

        HttpResponse<String> response = post("/api/" + project.id() + "/store/?sentry_key=" + project.key(),
                Map.of("Content-Encoding", "gzip"),
                ContentDecoderTest.gzip("{\"message\":\"gzipped store\",\"level\":\"warning\"}".getBytes()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ErrorEvent stored = single(project);
        assertThat(stored.message()).isEqualTo("gzipped store");
        assertThat(stored.eventId()).isEqualTo(JSON.readTree(response.body()).get("id").asText());
    }

    @Test
    void javaSdkEnvelopeAsCapturedGzipWithSessionItem() throws Exception {
        TestProject project = kit.newProject(true);

        HttpResponse<String> response = post("/api/" + project.id() + "/envelope/", Map.of(
                        "X-Sentry-Auth", JAVA_AUTH + project.key(),
                        "Content-Encoding", "gzip",
                        "Content-Type", "application/x-sentry-envelope"),
                WireSamples.read("java-message-parameterized.envelope.gz"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("id").asText()).isEqualTo("817c7fc4325a4d9ba71bbe72a1a988b3");
        ErrorEvent stored = single(project);
        assertThat(stored.messageTemplate()).isEqualTo("User %s failed to pay %d dollars");
        assertThat(stored.messageParams()).containsExactly("jane", "42");
    }

    @Test
    void nodeSdkEnvelopeWithoutLengthsAndWithQueryAuth() throws Exception {
        TestProject project = kit.newProject(true);

        HttpResponse<String> response = post("/api/" + project.id() + "/envelope/?sentry_version=7&sentry_key="
                + project.key() + "&sentry_client=sentry.javascript.node%2F11.12.0", Map.of(),
                WireSamples.read("js-exception.envelope"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ErrorEvent stored = single(project);
        assertThat(stored.eventId()).isEqualTo("dabd4217c06240fa9c61d1f51d83755f");
        assertThat(stored.platform()).isEqualTo("node");
        assertThat(stored.thrownException().type()).isEqualTo("AppError");
    }

    @Test
    void envelopeKeyFromTheDsnInItsHeader() throws Exception {
        TestProject project = kit.newProject(true);
        String body = "{\"dsn\":\"" + project.dsn(gateway.port()) + "\"}\n{\"type\":\"event\"}\n{\"message\":\"via dsn\"}\n";

        HttpResponse<String> response = post("/api/" + project.id() + "/envelope/", Map.of(), body.getBytes());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(single(project).message()).isEqualTo("via dsn");
    }

    @Test
    void envelopesWithoutEventsAreAcceptedAndProduceNothing() throws Exception {
        TestProject project = kit.newProject(true);
        for (String sample : List.of("java-transaction-with-client-report.envelope", "js-sessions-aggregate.envelope",
                "js-spans-v2.envelope", "js-client-report.envelope", "java-log.envelope", "js-check-in.envelope")) {
            HttpResponse<String> response = post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(),
                    Map.of(), WireSamples.read(sample));
            assertThat(response.statusCode()).as(sample + ": " + response.body()).isEqualTo(200);
        }

        assertThat(kit.records(project.id())).isEmpty();
    }

    // ---- rejected: the right status and detail, and nothing reached Kafka ----

    @Test
    void missingKeyIs401() throws Exception {
        TestProject project = kit.newProject(true);

        assertRejected(project, post("/api/" + project.id() + "/store/", Map.of(), eventItem("java-exception")),
                401, "missing authorization information: send X-Sentry-Auth with sentry_key, or the sentry_key "
                        + "query parameter");
        assertRejected(project, post("/api/" + project.id() + "/envelope/", Map.of(),
                WireSamples.read("js-exception.envelope")), 401, "missing authorization information");
    }

    @Test
    void unknownKeyIs401() throws Exception {
        TestProject project = kit.newProject(true);
        String unknown = "ffffffffffffffffffffffffffffffff";

        assertRejected(project, post("/api/" + project.id() + "/store/",
                Map.of("X-Sentry-Auth", JAVA_AUTH + unknown), eventItem("java-exception")),
                401, "unknown public key " + unknown);
        assertRejected(project, post("/api/" + project.id() + "/envelope/?sentry_key=publickey", Map.of(),
                WireSamples.read("js-exception.envelope")), 401, "unknown public key publickey");
    }

    @Test
    void disabledKeyIs403() throws Exception {
        TestProject project = kit.newProject(false);

        assertRejected(project, post("/api/" + project.id() + "/store/",
                Map.of("X-Sentry-Auth", JAVA_AUTH + project.key()), eventItem("java-exception")),
                403, "public key " + project.key() + " is disabled");
    }

    @Test
    void keyOfAnotherProjectIs403() throws Exception {
        TestProject project = kit.newProject(true);
        TestProject other = kit.newProject(true);

        assertRejected(project, post("/api/" + project.id() + "/envelope/",
                Map.of("X-Sentry-Auth", JAVA_AUTH + other.key(), "Content-Encoding", "gzip"),
                WireSamples.read("java-exception.envelope.gz")),
                403, "public key " + other.key() + " does not belong to project " + project.id());
        assertThat(kit.records(other.id())).isEmpty();
    }

    @Test
    void nonNumericProjectIdIs400() throws Exception {
        TestProject project = kit.newProject(true);

        assertRejected(project, post("/api/my-project/store/", Map.of("X-Sentry-Auth", JAVA_AUTH + project.key()),
                eventItem("java-exception")), 400, "project id in the URL must be a positive integer, got 'my-project'");
    }

    @Test
    void malformedJsonIs400AndSaysWhere() throws Exception {
        TestProject project = kit.newProject(true);
        Map<String, String> auth = Map.of("X-Sentry-Auth", JAVA_AUTH + project.key());

        assertRejected(project, post("/api/" + project.id() + "/store/", auth, "{\"message\": \"cut".getBytes()),
                400, "malformed JSON in event at line 1, column 17");
        assertRejected(project, post("/api/" + project.id() + "/store/", auth,
                "{\"exception\":{\"values\":[{\"stacktrace\":{\"frames\":7}}]}}".getBytes()),
                400, "exception.values[0].stacktrace.frames must be an array, got a number");
        assertRejected(project, post("/api/" + project.id() + "/envelope/", auth,
                "{}\n{\"type\":\"event\"}\n{\"level\":\n".getBytes()),
                400, "envelope item 0 (event): malformed JSON in event at line 1");
        assertRejected(project, post("/api/" + project.id() + "/envelope/", auth,
                "{}\n{\"type\":\"event\",\"length\":99}\n{}\n".getBytes()),
                400, "envelope item 0 (event) declares length 99 but only 3 bytes follow");
    }

    @Test
    void oversizeIs413() throws Exception {
        TestProject project = kit.newProject(true);
        Map<String, String> auth = Map.of("X-Sentry-Auth", JAVA_AUTH + project.key());
        byte[] big = ("{\"message\":\"" + "x".repeat(GatewayConfig.DEFAULT_MAX_EVENT_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(project, post("/api/" + project.id() + "/store/", auth, big),
                413, "request body is larger than the limit of 1048576 bytes");
        // Compressed it is small; decompressed it is over the limit.
        assertRejected(project, post("/api/" + project.id() + "/store/",
                Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(), "Content-Encoding", "gzip"),
                ContentDecoderTest.gzip(big)), 413, "request body is larger than the limit of 1048576 bytes");
        byte[] envelope = ("{}\n{\"type\":\"event\"}\n" + new String(big, StandardCharsets.UTF_8)).getBytes();
        assertRejected(project, post("/api/" + project.id() + "/envelope/", auth, envelope),
                413, "envelope item 0 (event) is " + big.length + " bytes, larger than the limit of 1048576 bytes");
    }

    @Test
    void kafkaUnreachableIs503NeverAnAcceptedAnswer() throws Exception {
        TestProject project = kit.newProject(true);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FW_KAFKA_BOOTSTRAP", "127.0.0.1:" + unusedPort());
        ServiceAddresses noKafka = ServiceAddresses.fromEnv(env);
        GatewayConfig config = kit.config();
        IngestGateway broken = await(IngestGateway.start(vertx, new GatewayConfig(config.host(), 0,
                config.maxEventBytes(), config.maxEnvelopeBytes(), config.keyCacheTtl(), Duration.ofSeconds(2),
                noKafka)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + broken.port() + "/api/" + project.id() + "/store/"))
                    .header("X-Sentry-Auth", JAVA_AUTH + project.key())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(eventItem("java-exception"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertRejected(project, response, 503, "the event was not stored, Kafka did not acknowledge it");
        } finally {
            await(broken.close());
        }
    }

    // ---- helpers ----

    private static void assertRejected(TestProject project, HttpResponse<String> response, int status,
                                       String detailPrefix) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("detail").asText()).startsWith(detailPrefix);
        assertThat(kit.records(project.id())).as("records of a rejected request").isEmpty();
    }

    private static ErrorEvent single(TestProject project) {
        return singleRecord(project).value();
    }

    private static ConsumerRecord<String, ErrorEvent> singleRecord(TestProject project) {
        List<ConsumerRecord<String, ErrorEvent>> records = kit.records(project.id());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(Long.toString(project.id()));
        return records.get(0);
    }

    private static byte[] eventItem(String sample) throws Exception {
        return WireSamples.eventItem(sample).payload();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
