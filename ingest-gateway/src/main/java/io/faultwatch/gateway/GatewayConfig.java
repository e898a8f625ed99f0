package io.faultwatch.gateway;

import io.faultwatch.model.ServiceAddresses;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the gateway reads from its environment, read once at start.
 *
 * @param maxEventBytes   limit on a store body and on an envelope's event item, compressed and decompressed
 * @param maxEnvelopeBytes limit on an envelope body, compressed and decompressed
 * @param keyCacheTtl     how long a project key lookup (found or not) is trusted; a disabled or new key
 *                        takes effect within this time
 * @param kafkaTimeout    longest the gateway waits for Kafka to take an event before answering 503
 */
public record GatewayConfig(
        String host,
        int port,
        int maxEventBytes,
        int maxEnvelopeBytes,
        Duration keyCacheTtl,
        Duration kafkaTimeout,
        ServiceAddresses services) {

    public static final int DEFAULT_PORT = 8300;
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 20 * 1024 * 1024;

    public GatewayConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxEventBytes <= 0 || maxEnvelopeBytes <= 0) {
            throw new IllegalArgumentException("body limits must be positive");
        }
        if (kafkaTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("kafkaTimeout must be at least 100 ms, got " + kafkaTimeout);
        }
    }

    public static GatewayConfig fromEnv(Map<String, String> env) {
        return new GatewayConfig(
                env.getOrDefault("FW_GATEWAY_HOST", "127.0.0.1"),
                intVar(env, "FW_GATEWAY_PORT", DEFAULT_PORT, 0, 65535),
                intVar(env, "FW_GATEWAY_MAX_EVENT_BYTES", DEFAULT_MAX_EVENT_BYTES, 1, Integer.MAX_VALUE),
                intVar(env, "FW_GATEWAY_MAX_ENVELOPE_BYTES", DEFAULT_MAX_ENVELOPE_BYTES, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(intVar(env, "FW_GATEWAY_KEY_CACHE_SECONDS", 30, 0, 3600)),
                Duration.ofMillis(intVar(env, "FW_GATEWAY_KAFKA_TIMEOUT_MS", 10_000, 100, 600_000)),
                ServiceAddresses.fromEnv(env));
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
