package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.gateway.GatewayTestKit.TestProject;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.Outcome;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.testing.WireSamples;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway on real PostgreSQL and Kafka: what it accepts reaches the right topic with the right
 * content, what it refuses reaches neither fw.events nor fw.sessions.
 */
class GatewayITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA_AUTH = "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=";

    private static GatewayTestKit kit;
    private static IngestGateway gateway;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        kit = new GatewayTestKit();
        gateway = kit.startGateway();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
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
    void sessionsGoToTheSessionsTopic() throws Exception {
        TestProject project = kit.newProject(true);

        assertAccepted(post("/api/" + project.id() + "/envelope/", Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(),
                "Content-Encoding", "gzip"), WireSamples.read("java-session-init.envelope.gz")));
        assertAccepted(post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), Map.of(),
                WireSamples.read("js-sessions-aggregate.envelope")));

        List<SessionRecord> sessions = kit.sessions(project.id());
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0)).satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SessionRecord.SESSION);
            assertThat(s.projectId()).isEqualTo(project.id());
            assertThat(s.sessionId()).isEqualTo("e03270fb37af4cd6bba2282c97638db5");
            assertThat(s.init()).isTrue();
            assertThat(s.status()).isEqualTo("ok");
            assertThat(s.release()).isEqualTo("feas-java@1.2.3");
            assertThat(s.environment()).isEqualTo("feas-env");
        });
        assertThat(sessions.get(1)).satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SessionRecord.AGGREGATE);
            assertThat(s.exited()).isEqualTo(2);
            assertThat(s.errored()).isEqualTo(1);
            assertThat(s.crashed()).isZero();
        });
        assertThat(kit.events(project.id())).isEmpty();
    }

    @Test
    void eventAndItsSessionUpdateEachGoToTheirTopic() throws Exception {
        TestProject project = kit.newProject(true);

        assertAccepted(post("/api/" + project.id() + "/envelope/", Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(),
                "Content-Encoding", "gzip"), WireSamples.read("java-crash.envelope.gz")));

        assertThat(kit.events(project.id())).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo("fatal"));
        assertThat(kit.sessions(project.id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("crashed"));
    }

    @Test
    void clientReportsBecomeOutcomes() throws Exception {
        TestProject project = kit.newProject(true);

        assertAccepted(post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), Map.of(),
                WireSamples.read("js-client-report.envelope")));

        assertThat(kit.outcomes(project.id())).containsExactly(new Outcome(project.id(), 1_795_342_383_022L, "error",
                Outcome.CLIENT_DISCARD, "ratelimit_backoff", 1));
    }

    /** Accepted, counted as outcomes, never an error to the SDK, and nothing in the events or sessions topics. */
    @Test
    void typesNotProcessedYetAreAcceptedAndCounted() throws Exception {
        TestProject project = kit.newProject(true);
        for (String sample : List.of("java-transaction", "js-spans-v2", "java-log", "js-log", "js-check-in",
                "js-transaction-static")) {
            assertAccepted(post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), Map.of(),
                    WireSamples.read(sample + ".envelope")));
        }

        assertThat(kit.outcomes(project.id())).extracting(Outcome::category, Outcome::outcome, Outcome::quantity)
                .containsExactly(
                        tuple("transaction", Outcome.ACCEPTED, 1L),
                        tuple("span", Outcome.ACCEPTED, 4L),
                        tuple("log_item", Outcome.ACCEPTED, 1L),
                        tuple("log_item", Outcome.ACCEPTED, 1L),
                        tuple("monitor", Outcome.ACCEPTED, 1L),
                        tuple("transaction", Outcome.ACCEPTED, 1L));
        assertThat(kit.events(project.id())).isEmpty();
        assertThat(kit.sessions(project.id())).isEmpty();
    }

    /** Sampled-out events are answered as accepted (an SDK must not retry them) and counted as filtered. */
    @Test
    void eventsASampleRateDropsAreAnsweredAsAcceptedAndCountedAsFiltered() throws Exception {
        TestProject dropsAll = kit.newProject(true);
        kit.setSampleRate(dropsAll.id(), 0.0);
        TestProject keepsAll = kit.newProject(true);

        for (TestProject project : List.of(dropsAll, keepsAll)) {
            assertAccepted(post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), Map.of(),
                    WireSamples.read("java-exception.envelope")));
        }

        assertThat(kit.events(dropsAll.id())).isEmpty();
        assertThat(kit.sessions(dropsAll.id())).as("sessions are never sampled").isNotEmpty();
        assertThat(kit.outcomes(dropsAll.id())).extracting(Outcome::category, Outcome::outcome, Outcome::reason,
                Outcome::quantity).containsExactly(tuple("error", Outcome.FILTERED, "sample_rate", 1L));
        assertThat(kit.events(keepsAll.id())).hasSize(1);
        assertThat(kit.outcomes(keepsAll.id())).isEmpty();
    }

    @Test
    void attachmentsAreCountedWhileTheirEventIsStored() throws Exception {
        TestProject project = kit.newProject(true);

        assertAccepted(post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), Map.of(),
                WireSamples.read("js-attachment.envelope")));

        assertThat(kit.events(project.id())).hasSize(1);
        assertThat(kit.outcomes(project.id())).isNotEmpty()
                .allSatisfy(o -> assertThat(o.category()).isEqualTo("attachment"));
    }

    @Test
    void everyContentEncoding() throws Exception {
        TestProject project = kit.newProject(true);
        byte[] envelope = WireSamples.envelope("java-exception");
        Map<String, byte[]> bodies = Map.of(
                "gzip", WireSamples.read("java-exception.envelope.gz"),
                "deflate", ContentDecoderTest.deflate(envelope, false),
                "Deflate", ContentDecoderTest.deflate(envelope, true),
                "br", ContentDecoderTest.brotli("java-exception.envelope.br"),
                "identity", envelope);

        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            assertAccepted(post("/api/" + project.id() + "/envelope/", Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(),
                    "Content-Encoding", body.getKey()), body.getValue()));
        }

        assertThat(kit.events(project.id())).hasSize(5)
                .allSatisfy(e -> assertThat(e.eventId()).isEqualTo("735d9a78a66c4331894dd2bd1afb80ad"));
    }

    @Test
    void storeAcceptsTheLegacyBase64ZlibBody() throws Exception {
        TestProject project = kit.newProject(true);
        byte[] legacy = Base64.getEncoder().encode(ContentDecoderTest.deflate(
                "{\"message\":\"from an old SDK\"}".getBytes(StandardCharsets.UTF_8), false));

        assertAccepted(post("/api/" + project.id() + "/store/", Map.of("X-Sentry-Auth", JAVA_AUTH + project.key()),
                legacy));

        assertThat(single(project).message()).isEqualTo("from an old SDK");
    }

    /** The Java SDK re-POSTs a body after a connection reset; the job deduplicates by event id. */
    @Test
    void duplicatePostIsAcceptedTwice() throws Exception {
        TestProject project = kit.newProject(true);
        Map<String, String> headers = Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(), "Content-Encoding", "gzip");
        byte[] body = WireSamples.read("java-exception.envelope.gz");

        assertAccepted(post("/api/" + project.id() + "/envelope/", headers, body));
        assertAccepted(post("/api/" + project.id() + "/envelope/", headers, body));

        assertThat(kit.events(project.id())).extracting(ErrorEvent::eventId)
                .containsExactly("735d9a78a66c4331894dd2bd1afb80ad", "735d9a78a66c4331894dd2bd1afb80ad");
    }

    /** As a browser sends it: query auth, Content-Type text/plain, cross-origin. */
    @Test
    void browserRequestsGetCorsHeaders() throws Exception {
        TestProject project = kit.newProject(true);
        String path = "/api/" + project.id() + "/envelope/?sentry_key=" + project.key();

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(url(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> response = post(path, Map.of("Origin", "https://shop.example",
                "Content-Type", "text/plain;charset=UTF-8"), WireSamples.read("js-message.envelope"));
        assertAccepted(response);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase())
                .contains("retry-after", "x-sentry-rate-limits");
        assertThat(kit.events(project.id())).hasSize(1);
    }

    @Test
    void readyWhenKafkaAndPostgresAreReachable() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("kafka").asText()).isEqualTo("up");
        assertThat(JSON.readTree(response.body()).get("postgres").asText()).isEqualTo("up");
    }

    @Test
    void metricsInPrometheusFormat() throws Exception {
        TestProject project = kit.newProject(true);
        assertAccepted(post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), Map.of(),
                WireSamples.read("js-exception.envelope")));
        post("/api/" + project.id() + "/envelope/", Map.of(), WireSamples.read("js-exception.envelope"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("fw_gateway_events_accepted_total{category=\"error\"}")
                .contains("fw_gateway_events_rejected_total{reason=\"unauthorized\"}")
                .contains("fw_gateway_request_seconds_bucket{endpoint=\"envelope\",status=\"200\"")
                .contains("fw_gateway_kafka_send_seconds_bucket{topic=\"fw.events\"");
    }

    // ---- rejected: the right status and detail, and nothing reached Kafka ----

    @Test
    void missingKeyIs401() throws Exception {
        TestProject project = kit.newProject(true);

        assertRejected(project, post("/api/" + project.id() + "/store/", Map.of(), eventItem("java-exception")),
                401, "missing authorization information: send X-Sentry-Auth with sentry_key, the sentry_key "
                        + "query parameter, or the dsn in the envelope header");
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
    void whenKafkaCannotTakeTheEventTheAnswerIs503WithRetryAfterAndTheEventLoopsStayFree() throws Exception {
        TestProject project = kit.newProject(true);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        IngestGateway noKafka = kit.startGateway(Map.of("FW_KAFKA_BOOTSTRAP", "127.0.0.1:" + closedPort,
                "FW_GATEWAY_KAFKA_TIMEOUT_MS", "2000", "FW_GATEWAY_RETRY_AFTER_SECONDS", "7"));
        try {
            URI store = URI.create("http://127.0.0.1:" + noKafka.port() + "/api/" + project.id() + "/store/");
            URI health = URI.create("http://127.0.0.1:" + noKafka.port() + "/health");
            // Small bodies are handled on the event loops; a producer that has never reached Kafka could
            // block in send(), so the send must have left the loop: /health answers while events wait.
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> waiting = new java.util.ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                waiting.add(http.sendAsync(HttpRequest.newBuilder(store)
                        .header("X-Sentry-Auth", JAVA_AUTH + project.key())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"kafka is away\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 4; i++) {
                long asked = System.nanoTime();
                HttpResponse<String> alive = http.send(HttpRequest.newBuilder(health).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(alive.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofMillis(500));
            }
            for (var answer : waiting) {
                HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertRejected(project, response, 503, "the event was not stored, Kafka did not acknowledge it");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            }
            // Bounded by the configured Kafka timeout, with room for a loaded machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            kit.stop(noKafka);
        }
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
    void envelopeLimitsCompressedAndDecompressedAre413() throws Exception {
        TestProject project = kit.newProject(true);
        Map<String, String> auth = Map.of("X-Sentry-Auth", JAVA_AUTH + project.key());
        IngestGateway small = kit.startGateway(Map.of(
                "FW_GATEWAY_MAX_ENVELOPE_BYTES", "65536", "FW_GATEWAY_MAX_ENVELOPE_DECOMPRESSED_BYTES", "262144"));
        try {
            String path = "http://127.0.0.1:" + small.port() + "/api/" + project.id() + "/envelope/";
            byte[] sessions = sessionsEnvelope(2_000);
            assertThat(sessions.length).isGreaterThan(65536).isLessThan(262144);

            assertRejected(project, post(URI.create(path), auth, sessions), 413,
                    "request body is larger than the limit of 65536 bytes");
            byte[] gzipBomb = ContentDecoderTest.gzip(new byte[50 * 1024 * 1024]);
            assertRejected(project, post(URI.create(path), Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(),
                    "Content-Encoding", "gzip"), gzipBomb), 413, "request body is larger than the limit of 262144 bytes");
            assertRejected(project, post(URI.create(path), Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(),
                    "Content-Encoding", "br"), ContentDecoderTest.brotli("zeros-50mib.br")), 413,
                    "request body is larger than the limit of 262144 bytes");
            assertThat(kit.sessions(project.id())).isEmpty();
        } finally {
            kit.stop(small);
        }
    }

    @Test
    void unsupportedOrCorruptEncodingIsRefused() throws Exception {
        TestProject project = kit.newProject(true);

        assertRejected(project, post("/api/" + project.id() + "/envelope/", Map.of("X-Sentry-Auth",
                JAVA_AUTH + project.key(), "Content-Encoding", "zstd"), WireSamples.envelope("java-exception")),
                415, "unsupported Content-Encoding: zstd");
        assertRejected(project, post("/api/" + project.id() + "/envelope/", Map.of("X-Sentry-Auth",
                JAVA_AUTH + project.key(), "Content-Encoding", "gzip"), WireSamples.envelope("java-exception")),
                400, "body is not valid gzip");
    }

    @Test
    void invalidEventsAreCountedAsOutcomes() throws Exception {
        TestProject project = kit.newProject(true);

        assertRejected(project, post("/api/" + project.id() + "/store/", Map.of("X-Sentry-Auth",
                JAVA_AUTH + project.key()), "{\"level\": [1]}".getBytes()), 400, "level must be");

        assertThat(kit.outcomesOnceThere(project.id(), found -> !found.isEmpty())).singleElement()
                .satisfies(o -> {
                    assertThat(o.outcome()).isEqualTo(Outcome.INVALID);
                    assertThat(o.reason()).isEqualTo("invalid_data");
                    assertThat(o.category()).isEqualTo("error");
                });
    }

    @Test
    void overTheProjectLimitIs429WithSentrysHeadersAndCounted() throws Exception {
        TestProject project = kit.newProject(true, 2);
        Map<String, String> auth = Map.of("X-Sentry-Auth", JAVA_AUTH + project.key(), "Content-Encoding", "gzip");
        byte[] body = WireSamples.read("java-message.envelope.gz");
        assertAccepted(post("/api/" + project.id() + "/envelope/", auth, body));
        assertAccepted(post("/api/" + project.id() + "/envelope/", auth, body));
        List<ErrorEvent> accepted = kit.events(project.id());

        HttpResponse<String> limited = post("/api/" + project.id() + "/envelope/", Map.of("X-Sentry-Auth",
                JAVA_AUTH + project.key(), "Content-Encoding", "gzip", "Origin", "https://shop.example"), body);

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        // Two per minute: the next token is 30 s away.
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(25L, 30L));
        assertThat(limited.headers().firstValue("X-Sentry-Rate-Limits")).hasValueSatisfying(
                v -> assertThat(v).matches("\\d+:error;session:project:project_quota"));
        assertThat(limited.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(JSON.readTree(limited.body()).get("detail").asText()).startsWith("rate limit reached for ");
        // The envelope held an event and a session update: both were refused, and both counted.
        assertThat(kit.events(project.id())).isEqualTo(accepted).hasSize(2);
        assertThat(kit.sessions(project.id())).hasSize(2);
        assertThat(kit.outcomesOnceThere(project.id(), found -> found.size() >= 2))
                .extracting(Outcome::category, Outcome::outcome, Outcome::reason, Outcome::quantity)
                .containsExactlyInAnyOrder(tuple("error", Outcome.RATE_LIMITED, "project_quota", 1L),
                        tuple("session", Outcome.RATE_LIMITED, "project_quota", 1L));
        // Other projects are not affected.
        TestProject other = kit.newProject(true, 2);
        assertAccepted(post("/api/" + other.id() + "/envelope/", Map.of("X-Sentry-Auth", JAVA_AUTH + other.key(),
                "Content-Encoding", "gzip"), body));
    }

    @Test
    void overTheGlobalLimitIs429ForEveryProject() throws Exception {
        TestProject first = kit.newProject(true);
        TestProject second = kit.newProject(true);
        IngestGateway limited = kit.startGateway(Map.of("FW_GATEWAY_GLOBAL_RATE_LIMIT_PER_MINUTE", "1"));
        try {
            String base = "http://127.0.0.1:" + limited.port() + "/api/";
            assertAccepted(post(URI.create(base + first.id() + "/store/?sentry_key=" + first.key()), Map.of(),
                    "{\"message\":\"one\"}".getBytes()));

            HttpResponse<String> refused = post(URI.create(base + second.id() + "/store/?sentry_key=" + second.key()),
                    Map.of(), "{\"message\":\"two\"}".getBytes());

            assertRejected(second, refused, 429, "rate limit reached for error (global_quota)");
            assertThat(refused.headers().firstValue("X-Sentry-Rate-Limits")).hasValue("60:error:organization:global_quota");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        } finally {
            kit.stop(limited);
        }
    }

    // ---- helpers ----

    /** The status and detail, and nothing of the request in the events or sessions topics. */
    private static void assertRejected(TestProject project, HttpResponse<String> response, int status,
                                       String detailPrefix) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("detail").asText()).startsWith(detailPrefix);
        assertThat(kit.records(project.id())).as("events of a rejected request").isEmpty();
        assertThat(kit.sessions(project.id())).as("sessions of a rejected request").isEmpty();
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A valid envelope of {@code count} session items, to exceed a size limit with valid data. */
    private static byte[] sessionsEnvelope(int count) {
        StringBuilder body = new StringBuilder("{}\n");
        for (int i = 0; i < count; i++) {
            body.append("{\"type\":\"session\"}\n{\"sid\":\"s").append(i)
                    .append("\",\"init\":true,\"started\":\"2026-11-22T10:00:00Z\",\"attrs\":{\"release\":\"r@1\"}}\n");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
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
        return post(url(path), headers, body);
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
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
