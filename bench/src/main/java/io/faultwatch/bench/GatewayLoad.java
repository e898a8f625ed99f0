package io.faultwatch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Posts Sentry envelopes to a running gateway's {@code /api/{project}/envelope/} at a fixed rate
 * over a fixed number of keep-alive connections, open loop: request i is due at start + i/rate
 * whatever happened to earlier ones, and its latency is measured from that due time. Prints a text
 * report and one JSON line.
 *
 * <p>{@code java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.faultwatch.bench.GatewayLoad
 * --project ID --key KEY [--url http://127.0.0.1:8300] [--rate 1000] [--duration 10] [--warmup 2]
 * [--connections 16] [--max-in-flight N] [--mix java=50,node=30,python=20] [--templates 1000] [--seed 1]
 * [--timeout-ms 10000] [--label NAME] [--json-out FILE]}
 */
public final class GatewayLoad {
    private final LoadConfig config;
    private final HttpClientAgent client;
    private final List<Request> requests;
    private final Random ids;
    private final LoadResult result = new LoadResult();
    private final CompletableFuture<Long> finished = new CompletableFuture<>();
    private long startNanos;
    private long next;
    private int inFlight;
    private long lastMeasuredAnswerNanos;
    private boolean allScheduled;

    /** A template with its request line and headers, prepared before the clock starts. */
    private record Request(EnvelopeTemplate template, String uri, Map<String, String> headers) {}

    private GatewayLoad(LoadConfig config, HttpClientAgent client, List<EnvelopeTemplate> templates) {
        this.config = config;
        this.client = client;
        this.requests = templates.stream()
                .map(t -> new Request(t, t.profile().requestUri(config.projectId(), config.publicKey()),
                        t.profile().headers(config.publicKey())))
                .toList();
        this.ids = new Random(config.seed() * 31 + 17);
    }

    public static void main(String[] args) throws Exception {
        LoadConfig config;
        try {
            config = LoadConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GatewayLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        ObjectNode json = run(config);
        String line = LoadResult.jsonLine(json);
        System.out.print(LoadResult.toText(json));
        System.out.println(line);
        if (config.jsonOut() != null) {
            Files.writeString(Path.of(config.jsonOut()), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    public static ObjectNode run(LoadConfig config) throws Exception {
        List<EnvelopeTemplate> templates = new SentryEventFactory(config.seed(), config.publicKey(), Instant.now())
                .mixed(config.templates(), config.mix());
        double avgEnvelope = templates.stream().mapToInt(EnvelopeTemplate::size).average().orElse(0);
        double avgWire = templates.stream().mapToInt(t -> t.wireBody(t.body(new byte[EventIds.LENGTH])).length)
                .average().orElse(0);
        // One event loop owns the schedule, the connections and the counters, so nothing is shared.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            HttpClientAgent client = vertx.createHttpClient(
                    new HttpClientOptions()
                            .setDefaultHost(config.gateway().getHost().replace("[", "").replace("]", ""))
                            .setDefaultPort(config.gateway().getPort() < 0 ? 80 : config.gateway().getPort())
                            .setKeepAlive(true)
                            .setConnectTimeout(config.timeoutMs()),
                    new PoolOptions().setHttp1MaxSize(config.connections()).setMaxWaitQueueSize(-1));
            GatewayLoad load = new GatewayLoad(config, client, templates);
            vertx.runOnContext(v -> load.start(vertx));
            long bound = config.durationSeconds() + config.warmupSeconds() + config.timeoutMs() / 1000 + 30;
            long elapsed = load.finished.get(bound, TimeUnit.SECONDS);
            return load.result.toJson(config, elapsed, avgEnvelope, avgWire);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private void start(Vertx vertx) {
        startNanos = System.nanoTime();
        vertx.setPeriodic(1, timer -> {
            tick();
            if (allScheduled) {
                vertx.cancelTimer(timer);
                finishIfDrained();
            }
        });
    }

    private long dueNanos(long index) {
        return startNanos + index * 1_000_000_000L / config.rate();
    }

    private void tick() {
        long now = System.nanoTime();
        long total = config.totalRequests();
        while (next < total && dueNanos(next) <= now) {
            boolean measured = next >= config.warmupRequests();
            if (inFlight >= config.maxInFlight()) {
                if (measured) {
                    result.skipped();
                }
            } else {
                send(requests.get((int) (next % requests.size())), dueNanos(next), measured);
            }
            next++;
        }
        allScheduled = next >= total;
    }

    private void send(Request request, long dueNanos, boolean measured) {
        byte[] eventId = new byte[EventIds.LENGTH];
        EventIds.randomInto(ids, eventId);
        Buffer body = Buffer.buffer(request.template().wireBody(request.template().body(eventId)));
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(request.uri())
                .setIdleTimeout(config.timeoutMs());
        request.headers().forEach(options::putHeader);
        inFlight++;
        if (measured) {
            result.sent();
        }
        client.request(options)
                .compose(req -> req.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(answer -> answered(answer, dueNanos, measured));
    }

    private void answered(AsyncResult<Integer> answer, long dueNanos, boolean measured) {
        inFlight--;
        if (measured) {
            long now = System.nanoTime();
            lastMeasuredAnswerNanos = Math.max(lastMeasuredAnswerNanos, now);
            if (answer.succeeded()) {
                result.response(answer.result(), now - dueNanos);
            } else {
                result.error(answer.cause());
            }
        }
        finishIfDrained();
    }

    private void finishIfDrained() {
        if (allScheduled && inFlight == 0 && !finished.isDone()) {
            long measureStart = dueNanos(config.warmupRequests());
            finished.complete(Math.max(lastMeasuredAnswerNanos - measureStart, 1));
        }
    }
}
