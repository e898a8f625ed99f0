package io.faultwatch.gateway;

import io.faultwatch.model.ServiceAddresses;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway reads from its environment, read once at start.
 *
 * @param maxEventBytes      limit on an event (a store body, an envelope's event item) decompressed, and on a
 *                           store body as sent
 * @param maxEnvelopeBytes   limit on an envelope body as sent (compressed)
 * @param maxEnvelopeDecompressedBytes limit on an envelope body after its Content-Encoding is undone
 * @param keyRefresh         how long a project key and its project's settings (found or not) are trusted; a new
 *                           or disabled key, or a changed rate limit, takes effect within this time
 * @param kafkaTimeout       longest the gateway waits for Kafka to take an event before answering 503
 * @param globalRateLimitPerMinute items per minute per data category over all projects; 0 means no limit
 * @param corsOrigins        origins browsers may send from; {@code *} means any
 * @param retryAfter         what a 503 tells SDKs to wait before retrying
 * @param ipHashSalt         secret salt of the hashes that replace user IPs; null picks a random one per start
 * @param eventLoops         HTTP event loops, each handling its connections' requests to the end; one per core
 */
public record GatewayConfig(
        String host,
        int port,
        int maxEventBytes,
        int maxEnvelopeBytes,
        int maxEnvelopeDecompressedBytes,
        Duration keyRefresh,
        Duration kafkaTimeout,
        int globalRateLimitPerMinute,
        List<String> corsOrigins,
        Duration retryAfter,
        String ipHashSalt,
        int eventLoops,
        ServiceAddresses services) {

    public static final int DEFAULT_PORT = 8300;
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 20 * 1024 * 1024;
    public static final int DEFAULT_MAX_ENVELOPE_DECOMPRESSED_BYTES = 100 * 1024 * 1024;
    // The issue promises that key changes take effect within 30 s.
    public static final int MAX_KEY_REFRESH_SECONDS = 30;
    public static final String ANY_ORIGIN = "*";

    public GatewayConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxEventBytes <= 0 || maxEnvelopeBytes <= 0 || maxEnvelopeDecompressedBytes <= 0) {
            throw new IllegalArgumentException("body limits must be positive");
        }
        if (keyRefresh.isNegative() || keyRefresh.compareTo(Duration.ofSeconds(MAX_KEY_REFRESH_SECONDS)) > 0) {
            throw new IllegalArgumentException("keyRefresh must be between 0 and " + MAX_KEY_REFRESH_SECONDS
                    + " s, got " + keyRefresh);
        }
        if (kafkaTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("kafkaTimeout must be at least 100 ms, got " + kafkaTimeout);
        }
        if (globalRateLimitPerMinute < 0) {
            throw new IllegalArgumentException("globalRateLimitPerMinute must not be negative");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (corsOrigins.isEmpty()) {
            throw new IllegalArgumentException("corsOrigins must name at least one origin, or " + ANY_ORIGIN);
        }
    }

    public static GatewayConfig fromEnv(Map<String, String> env) {
        return new GatewayConfig(
                env.getOrDefault("FW_GATEWAY_HOST", "127.0.0.1"),
                intVar(env, "FW_GATEWAY_PORT", DEFAULT_PORT, 0, 65535),
                intVar(env, "FW_GATEWAY_MAX_EVENT_BYTES", DEFAULT_MAX_EVENT_BYTES, 1, Integer.MAX_VALUE),
                intVar(env, "FW_GATEWAY_MAX_ENVELOPE_BYTES", DEFAULT_MAX_ENVELOPE_BYTES, 1, Integer.MAX_VALUE),
                intVar(env, "FW_GATEWAY_MAX_ENVELOPE_DECOMPRESSED_BYTES", DEFAULT_MAX_ENVELOPE_DECOMPRESSED_BYTES, 1,
                        Integer.MAX_VALUE),
                Duration.ofSeconds(intVar(env, "FW_GATEWAY_KEY_REFRESH_SECONDS", MAX_KEY_REFRESH_SECONDS, 0,
                        MAX_KEY_REFRESH_SECONDS)),
                Duration.ofMillis(intVar(env, "FW_GATEWAY_KAFKA_TIMEOUT_MS", 10_000, 100, 600_000)),
                intVar(env, "FW_GATEWAY_GLOBAL_RATE_LIMIT_PER_MINUTE", 0, 0, Integer.MAX_VALUE),
                origins(env.getOrDefault("FW_GATEWAY_CORS_ORIGINS", ANY_ORIGIN)),
                Duration.ofSeconds(intVar(env, "FW_GATEWAY_RETRY_AFTER_SECONDS", 10, 1, 3600)),
                blankToNull(env.get("FW_GATEWAY_IP_HASH_SALT")),
                intVar(env, "FW_GATEWAY_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256),
                ServiceAddresses.fromEnv(env));
    }

    /** The salt is a secret: it stays out of logs. */
    @Override
    public String toString() {
        return "GatewayConfig[host=" + host + ", port=" + port + ", maxEventBytes=" + maxEventBytes
                + ", maxEnvelopeBytes=" + maxEnvelopeBytes + ", maxEnvelopeDecompressedBytes="
                + maxEnvelopeDecompressedBytes + ", keyRefresh=" + keyRefresh + ", kafkaTimeout=" + kafkaTimeout
                + ", globalRateLimitPerMinute=" + globalRateLimitPerMinute + ", corsOrigins=" + corsOrigins
                + ", retryAfter=" + retryAfter + ", ipHashSalt=" + (ipHashSalt == null ? "unset" : "set")
                + ", eventLoops=" + eventLoops + ", services=" + services + "]";
    }

    public boolean anyOrigin() {
        return corsOrigins.contains(ANY_ORIGIN);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> origins(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + raw + "'", e);
        }
    }
}
