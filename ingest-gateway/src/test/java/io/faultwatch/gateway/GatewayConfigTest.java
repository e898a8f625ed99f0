package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
        assertThat(config.keyCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.services().kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.services().postgresPort()).isEqualTo(5432);
    }

    @Test
    void everythingCanBeSet() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of(
                "FW_GATEWAY_HOST", "0.0.0.0",
                "FW_GATEWAY_PORT", "0",
                "FW_GATEWAY_MAX_EVENT_BYTES", "2048",
                "FW_GATEWAY_MAX_ENVELOPE_BYTES", "4096",
                "FW_GATEWAY_KEY_CACHE_SECONDS", "5",
                "FW_GATEWAY_KAFKA_TIMEOUT_MS", "2500",
                "FW_KAFKA_BOOTSTRAP", "kafka:9092",
                "FW_PG_HOST", "db"));

        assertThat(config).isEqualTo(new GatewayConfig("0.0.0.0", 0, 2048, 4096, Duration.ofSeconds(5),
                Duration.ofMillis(2500), config.services()));
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
    }
}
