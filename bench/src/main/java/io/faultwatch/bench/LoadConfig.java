package io.faultwatch.bench;

import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link GatewayLoad} run does, read once from its {@code --name value} arguments. Every run
 * is bounded: a rate and a duration (so a fixed number of requests), a cap on requests in flight and a
 * per-request timeout; and it only ever targets this machine.
 *
 * @param warmupSeconds sent at the same rate before measuring, so the gateway's JIT and the
 *                      connections are warm; not counted
 * @param maxInFlight   when this many requests are outstanding the generator skips (and counts) a
 *                      scheduled send instead of queueing without bound
 * @param mix           relative weights of the SDK shapes
 * @param templates     distinct envelopes generated up front and cycled through, each sent with a
 *                      fresh event id
 * @param jsonOut       file the JSON result line is appended to, or null
 * @param cpuPids       processes whose CPU time per accepted event is reported ({@link ProcessCpu}),
 *                      by name; "self" is the generator
 */
public record LoadConfig(
        URI gateway,
        long projectId,
        String publicKey,
        int rate,
        int durationSeconds,
        int warmupSeconds,
        int connections,
        int maxInFlight,
        Map<SdkProfile, Integer> mix,
        int templates,
        long seed,
        int timeoutMs,
        String label,
        String jsonOut,
        Map<String, Long> cpuPids) {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final List<String> NAMES = List.of("url", "project", "key", "rate", "duration", "warmup",
            "connections", "max-in-flight", "mix", "templates", "seed", "timeout-ms", "label", "json-out",
            "cpu-pids");

    public LoadConfig {
        if (!"http".equals(gateway.getScheme()) || gateway.getHost() == null || !LOOPBACK.contains(gateway.getHost())) {
            throw new IllegalArgumentException("--url must be http://127.0.0.1:<port> (the load stays on this machine), got " + gateway);
        }
        if (projectId <= 0) {
            throw new IllegalArgumentException("--project must be a positive project id");
        }
        if (publicKey == null || !publicKey.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("--key must be a project's 32-hex-digit public key");
        }
        if (mix.isEmpty() || mix.values().stream().anyMatch(w -> w < 0) || mix.values().stream().mapToInt(i -> i).sum() == 0) {
            throw new IllegalArgumentException("--mix needs at least one positive weight, e.g. java=50,node=30,python=20");
        }
        mix = Map.copyOf(mix);
        cpuPids = Collections.unmodifiableMap(new LinkedHashMap<>(cpuPids));
    }

    /** Requests scheduled in total, warm-up included. */
    public long totalRequests() {
        return (long) rate * (durationSeconds + warmupSeconds);
    }

    public long warmupRequests() {
        return (long) rate * warmupSeconds;
    }

    public static LoadConfig fromArgs(String[] args) {
        BenchArgs values = BenchArgs.parse(args, NAMES);
        int connections = values.intArg("connections", 16, 1, 1024);
        return new LoadConfig(
                URI.create(values.get("url", "http://127.0.0.1:8300")),
                values.longArg("project", 0),
                values.get("key"),
                values.intArg("rate", 1000, 1, 200_000),
                values.intArg("duration", 10, 1, 600),
                values.intArg("warmup", 2, 0, 120),
                connections,
                values.intArg("max-in-flight", connections * 8, 1, 100_000),
                mix(values.get("mix", "java=50,node=30,python=20")),
                values.intArg("templates", 1000, 1, 100_000),
                values.longArg("seed", 1),
                values.intArg("timeout-ms", 10_000, 100, 120_000),
                values.get("label", "gateway"),
                values.get("json-out"),
                ProcessCpu.parse(values.get("cpu-pids", "load=self")));
    }

    static Map<SdkProfile, Integer> mix(String spec) {
        Map<SdkProfile, Integer> mix = new EnumMap<>(SdkProfile.class);
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            try {
                mix.put(SdkProfile.valueOf(kv[0].trim().toUpperCase(java.util.Locale.ROOT)), Integer.parseInt(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--mix must look like java=50,node=30,python=20, got '" + spec + "'", e);
            }
        }
        return mix;
    }
}
