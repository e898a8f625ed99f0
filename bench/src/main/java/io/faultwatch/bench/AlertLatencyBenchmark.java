package io.faultwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long an alert takes from the gateway to Slack, through the running stack (gateway, pipeline job,
 * query API with its notifier). Each round creates an event-count rule (more than 4 events in a minute)
 * whose Slack channel is a local HTTP receiver, waits for the rule to reach the job, sends 5 events through
 * the gateway's store endpoint, and times the FIRING notification's arrival at the receiver from the time
 * the gateway received the 5th event (the notification's {@code triggeredAt}, from the alert history), and
 * from the moment this client sent it. Then it deletes the rule. Rounds run one after the other, so each
 * notification is timed alone; every load stays on 127.0.0.1 and is bounded by the rounds. The project is
 * new: the benchmark first waits until the gateway has read its key (it re-reads keys every 30 s at most).
 */
public final class AlertLatencyBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLatencyBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rules reach the job's broadcast state from the compacted topic within moments. */
    static final Duration RULE_PROPAGATION = Duration.ofSeconds(3);
    static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);
    static final int EVENTS_PER_ROUND = 5;
    static final long TARGET_MS = 5_000;
    /** The gateway re-reads project keys at least this often. */
    static final Duration KEY_REFRESH = Duration.ofSeconds(40);
    private final String fingerprint = UUID.randomUUID().toString();

    private final AlertBenchConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();

    private AlertLatencyBenchmark(AlertBenchConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        AlertBenchConfig config = AlertBenchConfig.fromArgs(args);
        ObjectNode result = new AlertLatencyBenchmark(config).run();
        if (config.jsonOut() != null) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(new File(config.jsonOut()), result);
        }
        System.out.println(result.toPrettyString());
    }

    private ObjectNode run() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            long arrived = System.currentTimeMillis();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            arrivals.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new CompletableFuture<>())
                    .complete(arrived);
        });
        receiver.start();
        try {
            awaitProjectKnown();
            long[] fromGateway = new long[config.rounds()];
            long[] fromClient = new long[config.rounds()];
            for (int round = 0; round < config.rounds(); round++) {
                long[] latencies = round("http://127.0.0.1:" + receiver.getAddress().getPort() + "/round-" + round);
                fromGateway[round] = latencies[0];
                fromClient[round] = latencies[1];
                LOG.info("round {}: {} ms from the gateway, {} ms from the client", round, latencies[0], latencies[1]);
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("rounds", config.rounds()).put("target_ms", TARGET_MS);
            summary(result.putObject("from_gateway_ms"), fromGateway);
            summary(result.putObject("from_client_ms"), fromClient);
            return result;
        } finally {
            receiver.stop(0);
        }
    }

    /** One rule, one crossing; returns the latency from the gateway's receipt and from the client's send. */
    private long[] round(String slack) throws Exception {
        String rules = config.api() + "/api/v1/projects/" + config.project() + "/alert-rules";
        JsonNode rule = api("POST", rules, """
                {"name": "alert latency benchmark", "kind": "event_count", "window_seconds": 60, "threshold": 4,
                 "filters": {"environment": "%s"}, "channels": [{"type": "slack", "target": "%s"}]}"""
                .formatted(config.environment(), slack), 201);
        long ruleId = rule.get("id").asLong();
        try {
            Thread.sleep(RULE_PROPAGATION.toMillis());
            long sent = 0;
            for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                sent = System.currentTimeMillis();
                send(HttpRequest.newBuilder(URI.create(store())), "POST", event(), 200);
            }
            String path = URI.create(slack).getPath();
            long arrived = arrivals.computeIfAbsent(path, p -> new CompletableFuture<>())
                    .get(NOTIFICATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode history = api("GET", config.api() + "/api/v1/projects/" + config.project()
                    + "/alert-history?rule=" + ruleId, null, 200).get("data");
            long triggeredAt = history.get(history.size() - 1).get("notification").get("triggeredAt").asLong();
            return new long[] {arrived - triggeredAt, arrived - sent};
        } finally {
            api("DELETE", rules + "/" + ruleId, null, 204);
        }
    }

    /** Sends an event until the gateway takes it (it refuses the key of a project it has not read yet). */
    private void awaitProjectKnown() throws Exception {
        long deadline = System.nanoTime() + KEY_REFRESH.toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(store()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not accept project " + config.project()
                        + " within " + KEY_REFRESH + ": " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(1_000);
        }
    }

    private String store() {
        return config.gateway() + "/api/" + config.project() + "/store/?sentry_key=" + config.key();
    }

    private String event() {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", UUID.randomUUID().toString().replace("-", ""));
        event.put("timestamp", System.currentTimeMillis() / 1000.0);
        event.put("level", "error");
        event.put("platform", "java");
        event.put("environment", config.environment());
        event.putArray("fingerprint").add(fingerprint);
        event.put("message", "alert latency benchmark");
        return event.toString();
    }

    /** A call of the query API, with the token. */
    private JsonNode api(String method, String url, String body, int status) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + config.token()),
                method, body, status);
    }

    private JsonNode send(HttpRequest.Builder request, String method, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(request
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static void summary(ObjectNode out, long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        out.put("p50", percentile(sorted, 50)).put("p95", percentile(sorted, 95)).put("max", sorted[sorted.length - 1]);
        List<Long> all = new ArrayList<>();
        for (long value : values) {
            all.add(value);
        }
        out.putPOJO("all", all);
    }

    static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
