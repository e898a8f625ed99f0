package io.faultwatch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts Sentry envelopes to a running gateway's {@code /api/{project}/envelope/} at a fixed rate
 * over a fixed number of keep-alive connections, open loop: request i is due at start + i/rate
 * whatever happened to earlier ones, and its latency is measured from that due time. Prints a text
 * report and one JSON line.
 *
 * <p>{@code java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.faultwatch.bench.GatewayLoad
 * --project ID --key KEY [--url http://127.0.0.1:8300] [--rate 1000] [--duration 10] [--warmup 2]
 * [--connections 16] [--max-in-flight N] [--mix java=50,node=30,python=20] [--templates 1000] [--seed 1]
 * [--timeout-ms 10000] [--label NAME] [--json-out FILE] [--cpu-pids load=self,gateway=PID,...]}
 */
public final class GatewayLoad {
    private final LoadConfig config;
    private final KeepAliveConnections connections;
    private final List<Request> requests;
    private final Random ids;
    private final LoadResult result = new LoadResult();
    private long startNanos;
    private long next;
    private int inFlight;
    private long lastMeasuredAnswerNanos;
    private boolean allScheduled;
    private long finishedAfterNanos = -1;
    private Map<String, Double> cpuAtMeasureStart;
    private long cpuMeasureStartNanos;

    /**
     * A template with its request line and headers as bytes, prepared before the clock starts: the
     * body's length is the same for every event id, so only the body is made per request.
     */
    private record Request(EnvelopeTemplate template, byte[] head, int bodyLength) {}

    private GatewayLoad(LoadConfig config, KeepAliveConnections connections, List<EnvelopeTemplate> templates) {
        this.config = config;
        this.connections = connections;
        this.requests = templates.stream().map(t -> request(config, t)).toList();
        this.ids = new Random(config.seed() * 31 + 17);
    }

    private static Request request(LoadConfig config, EnvelopeTemplate template) {
        int bodyLength = template.wireBody(template.body(new byte[EventIds.LENGTH])).length;
        StringBuilder head = new StringBuilder()
                .append("POST ").append(template.profile().requestUri(config.projectId(), config.publicKey()))
                .append(" HTTP/1.1\r\nHost: ").append(config.gateway().getHost()).append(':').append(port(config))
                .append("\r\n");
        template.profile().headers(config.publicKey())
                .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(bodyLength).append("\r\n\r\n");
        return new Request(template, head.toString().getBytes(StandardCharsets.ISO_8859_1), bodyLength);
    }

    private static int port(LoadConfig config) {
        return config.gateway().getPort() < 0 ? 80 : config.gateway().getPort();
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
        InetSocketAddress address = new InetSocketAddress(
                config.gateway().getHost().replace("[", "").replace("]", ""), port(config));
        // One thread owns the schedule, the connections and the counters, so nothing is shared.
        try (KeepAliveConnections connections = new KeepAliveConnections(address, config.connections(),
                (int) config.timeoutMs())) {
            GatewayLoad load = new GatewayLoad(config, connections, templates);
            long bound = TimeUnit.SECONDS.toNanos(
                    config.durationSeconds() + config.warmupSeconds() + config.timeoutMs() / 1000 + 30);
            long elapsed = load.run(bound);
            return load.result.toJson(config, elapsed, avgEnvelope, avgWire);
        }
    }

    /** Sends on schedule and handles answers until every request is answered; the measured span in ns. */
    private long run(long boundNanos) throws Exception {
        startNanos = System.nanoTime();
        while (finishedAfterNanos < 0) {
            connections.poll(1);
            tick();
            finishIfDrained();
            if (System.nanoTime() - startNanos > boundNanos) {
                throw new TimeoutException("the load did not finish within " + boundNanos / 1_000_000_000 + " s");
            }
        }
        return finishedAfterNanos;
    }

    private long dueNanos(long index) {
        return startNanos + index * 1_000_000_000L / config.rate();
    }

    private void tick() {
        long now = System.nanoTime();
        long total = config.totalRequests();
        while (next < total && dueNanos(next) <= now) {
            boolean measured = next >= config.warmupRequests();
            if (measured && cpuAtMeasureStart == null) {
                cpuMeasureStartNanos = System.nanoTime();
                cpuAtMeasureStart = cpuSeconds();
            }
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
        byte[] body = request.template().wireBody(request.template().body(eventId));
        if (body.length != request.bodyLength()) {
            throw new IllegalStateException("a template's body changed its length with the event id");
        }
        inFlight++;
        if (measured) {
            result.sent();
        }
        connections.submit(request.head(), body, (status, error) -> answered(status, error, dueNanos, measured));
    }

    private void answered(int status, Throwable error, long dueNanos, boolean measured) {
        inFlight--;
        if (measured) {
            long now = System.nanoTime();
            lastMeasuredAnswerNanos = Math.max(lastMeasuredAnswerNanos, now);
            if (error == null) {
                result.response(status, now - dueNanos);
            } else {
                result.error(error);
            }
        }
    }

    private Map<String, Double> cpuSeconds() {
        try {
            return ProcessCpu.seconds(config.cpuPids());
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc for the CPU figures", e);
        }
    }

    private void finishIfDrained() {
        if (allScheduled && inFlight == 0 && finishedAfterNanos < 0) {
            long measureStart = dueNanos(config.warmupRequests());
            finishedAfterNanos = Math.max(lastMeasuredAnswerNanos - measureStart, 1);
            if (cpuAtMeasureStart != null) {
                Map<String, Double> spent = new LinkedHashMap<>();
                cpuSeconds().forEach((process, seconds) -> spent.put(process, seconds - cpuAtMeasureStart.get(process)));
                result.cpu(spent, (System.nanoTime() - cpuMeasureStartNanos) / 1e9);
            }
        }
    }
}
