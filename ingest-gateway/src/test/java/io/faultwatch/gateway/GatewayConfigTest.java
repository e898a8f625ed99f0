package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void defaults() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8300);
        assertThat(config.maxEventBytes()).isEqualTo(1024 * 1024);
        assertThat(config.maxEnvelopeBytes()).isEqualTo(20 * 1024 * 1024);
        assertThat(config.maxEnvelopeDecompressedBytes()).isEqualTo(100 * 1024 * 1024);
        // The issue: a new or disabled key takes effect within 30 s.
        assertThat(config.keyRefresh()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.globalRateLimitPerMinute()).isZero();
        assertThat(config.corsOrigins()).containsExactly("*");
        assertThat(config.anyOrigin()).isTrue();
        assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.ipHashSalt()).isNull();
        assertThat(config.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.services().kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.services().postgresPort()).isEqualTo(5432);
    }

    @Test
    void everythingCanBeSet() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.ofEntries(
                Map.entry("FW_GATEWAY_HOST", "0.0.0.0"),
                Map.entry("FW_GATEWAY_PORT", "0"),
                Map.entry("FW_GATEWAY_MAX_EVENT_BYTES", "2048"),
                Map.entry("FW_GATEWAY_MAX_ENVELOPE_BYTES", "4096"),
                Map.entry("FW_GATEWAY_MAX_ENVELOPE_DECOMPRESSED_BYTES", "8192"),
                Map.entry("FW_GATEWAY_KEY_REFRESH_SECONDS", "5"),
                Map.entry("FW_GATEWAY_KAFKA_TIMEOUT_MS", "2500"),
                Map.entry("FW_GATEWAY_GLOBAL_RATE_LIMIT_PER_MINUTE", "6000"),
                Map.entry("FW_GATEWAY_CORS_ORIGINS", "https://a.example, https://b.example"),
                Map.entry("FW_GATEWAY_RETRY_AFTER_SECONDS", "7"),
                Map.entry("FW_GATEWAY_IP_HASH_SALT", "s3cret"),
                Map.entry("FW_GATEWAY_EVENT_LOOPS", "3"),
                Map.entry("FW_KAFKA_BOOTSTRAP", "kafka:9092"),
                Map.entry("FW_PG_HOST", "db")));

        assertThat(config).isEqualTo(new GatewayConfig("0.0.0.0", 0, 2048, 4096, 8192, Duration.ofSeconds(5),
                Duration.ofMillis(2500), 6000, List.of("https://a.example", "https://b.example"),
                Duration.ofSeconds(7), "s3cret", 3, config.services()));
        assertThat(config.anyOrigin()).isFalse();
        assertThat(config.toString()).doesNotContain("s3cret").contains("ipHashSalt=set");
        assertThat(config.services().kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(config.services().postgresHost()).isEqualTo("db");
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_PORT", "http")))
                .hasMessage("FW_GATEWAY_PORT must be an integer, got 'http'");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_PORT", "70000")))
                .hasMessage("FW_GATEWAY_PORT must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_MAX_EVENT_BYTES", "0")))
                .hasMessageStartingWith("FW_GATEWAY_MAX_EVENT_BYTES must be between 1 and");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_KAFKA_TIMEOUT_MS", "10")))
                .hasMessage("FW_GATEWAY_KAFKA_TIMEOUT_MS must be between 100 and 600000, got 10");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_KEY_REFRESH_SECONDS", "60")))
                .hasMessage("FW_GATEWAY_KEY_REFRESH_SECONDS must be between 0 and 30, got 60");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_GLOBAL_RATE_LIMIT_PER_MINUTE", "-1")))
                .hasMessageStartingWith("FW_GATEWAY_GLOBAL_RATE_LIMIT_PER_MINUTE must be between 0 and");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_EVENT_LOOPS", "0")))
                .hasMessage("FW_GATEWAY_EVENT_LOOPS must be between 1 and 256, got 0");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FW_GATEWAY_CORS_ORIGINS", " , ")))
                .hasMessage("corsOrigins must name at least one origin, or *");
    }
}
