package io.faultwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of the measured part of a run. Latency runs from the time a request was
 * <em>scheduled</em>, not sent, so time spent waiting behind a slow gateway counts (no coordinated
 * omission). Not thread-safe: one event loop owns it.
 */
public final class LoadResult {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Histogram latencyMicros = new Histogram(MAX_LATENCY_MICROS, 3);
    private final Map<Integer, Long> nonOkByStatus = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private long sent;
    private long ok;
    private long skipped;
    private Map<String, Double> cpuSeconds = Map.of();
    private double cpuWallSeconds;

    public void sent() {
        sent++;
    }

    /** A scheduled request that was not sent because too many were outstanding. */
    public void skipped() {
        skipped++;
    }

    public void response(int status, long latencyNanos) {
        latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, latencyNanos / 1000)));
        if (status == 200) {
            ok++;
        } else {
            nonOkByStatus.merge(status, 1L, Long::sum);
        }
    }

    /** A request without a response: connection refused or reset, timeout. */
    public void error(Throwable cause) {
        errors.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
    }

    /**
     * CPU seconds that each named process, and "machine" (all cores), spent during the measured
     * part, which lasted {@code wallSeconds}; reported per accepted event.
     */
    public void cpu(Map<String, Double> seconds, double wallSeconds) {
        cpuSeconds = new TreeMap<>(seconds);
        cpuWallSeconds = wallSeconds;
    }

    public long ok() {
        return ok;
    }

    public long sentCount() {
        return sent;
    }

    public long completed() {
        return latencyMicros.getTotalCount() + errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Milliseconds at a percentile (0-100) of answered requests. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * @param elapsedNanos from the first measured scheduled send to the last measured answer
     */
    public ObjectNode toJson(LoadConfig config, long elapsedNanos, double avgEnvelopeBytes, double avgWireBytes) {
        double seconds = elapsedNanos / 1e9;
        ObjectNode json = MAPPER.createObjectNode();
        json.put("label", config.label());
        json.put("target_rate", config.rate());
        json.put("duration_s", config.durationSeconds());
        json.put("connections", config.connections());
        json.put("elapsed_s", round(seconds));
        json.put("sent", sent);
        json.put("ok", ok);
        ObjectNode byStatus = json.putObject("non_ok_by_status");
        nonOkByStatus.forEach((status, n) -> byStatus.put(String.valueOf(status), n));
        ObjectNode errorCounts = json.putObject("errors");
        errors.forEach(errorCounts::put);
        json.put("skipped", skipped);
        json.put("ok_per_s", round(seconds > 0 ? ok / seconds : 0));
        ObjectNode latency = json.putObject("latency_ms");
        latency.put("p50", latencyMillis(50));
        latency.put("p99", latencyMillis(99));
        latency.put("p99_9", latencyMillis(99.9));
        latency.put("max", latencyMicros.getMaxValue() / 1000.0);
        if (!cpuSeconds.isEmpty() && ok > 0) {
            ObjectNode cpu = json.putObject("cpu_us_per_event");
            cpuSeconds.forEach((process, spent) -> cpu.put(process, round(spent * 1e6 / ok)));
            Double machine = cpuSeconds.get("machine");
            if (machine != null && cpuWallSeconds > 0) {
                json.put("machine_busy_percent",
                        round(100 * machine / (cpuWallSeconds * Runtime.getRuntime().availableProcessors())));
            }
        }
        json.put("avg_envelope_bytes", round(avgEnvelopeBytes));
        json.put("avg_wire_bytes", round(avgWireBytes));
        return json;
    }

    public static String jsonLine(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toText(ObjectNode json) {
        return String.format(Locale.ROOT, """
                %s: target %d events/s for %d s over %d connections
                  sent %d, 200 OK %d, non-200 %s, errors %s, skipped (too many in flight) %d
                  throughput %.1f accepted events/s over %.2f s
                  latency from scheduled send: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms
                  envelopes: %.0f bytes on average decompressed, %.0f bytes on the wire
                  CPU per accepted event, µs: %s; machine busy %s%%
                """,
                json.get("label").asText(), json.get("target_rate").asInt(), json.get("duration_s").asInt(),
                json.get("connections").asInt(), json.get("sent").asLong(), json.get("ok").asLong(),
                json.get("non_ok_by_status"), json.get("errors"), json.get("skipped").asLong(),
                json.get("ok_per_s").asDouble(), json.get("elapsed_s").asDouble(),
                json.get("latency_ms").get("p50").asDouble(), json.get("latency_ms").get("p99").asDouble(),
                json.get("latency_ms").get("p99_9").asDouble(), json.get("latency_ms").get("max").asDouble(),
                json.get("avg_envelope_bytes").asDouble(), json.get("avg_wire_bytes").asDouble(),
                json.path("cpu_us_per_event"), json.path("machine_busy_percent").asText("?"));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
