package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryApiConfigTest {

    @Test
    void defaults() {
        QueryApiConfig config = QueryApiConfig.fromEnv(Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8400);
        assertThat(config.services().postgresHost()).isEqualTo("127.0.0.1");
        assertThat(config.services().clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(config.services().clickhouseDatabase()).isEqualTo("faultwatch");
    }

    @Test
    void readsApiAndServiceVariables() {
        QueryApiConfig config = QueryApiConfig.fromEnv(Map.of(
                "FW_API_HOST", "0.0.0.0",
                "FW_API_PORT", "18400",
                "FW_PG_PORT", "15432",
                "FW_CLICKHOUSE_URL", "http://127.0.0.1:18123",
                "FW_CLICKHOUSE_DATABASE", "fw_test"));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(18400);
        assertThat(config.services().postgresPort()).isEqualTo(15432);
        assertThat(config.services().clickhouseUrl()).isEqualTo("http://127.0.0.1:18123");
        assertThat(config.services().clickhouseDatabase()).isEqualTo("fw_test");
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertThat(QueryApiConfig.fromEnv(Map.of("FW_API_PORT", "0")).port()).isZero();
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_PORT", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FW_API_PORT must be a port number, got 'http'");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_PORT", "65536")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FW_API_PORT must be between 0 and 65535, got 65536");
    }

    @Test
    void rejectsEmptyHost() {
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_HOST", " ")))
                .hasMessage("FW_API_HOST must not be empty");
    }

    @Test
    void rejectsADatabaseNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_CLICKHOUSE_DATABASE", "x; DROP TABLE y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FW_CLICKHOUSE_DATABASE must be a plain identifier, got 'x; DROP TABLE y'");
    }

    @Test
    void retentionRunsHourlyUnlessTurnedOff() {
        assertThat(QueryApiConfig.fromEnv(Map.of()).retentionInterval()).isEqualTo(java.time.Duration.ofHours(1));
        QueryApiConfig off = QueryApiConfig.fromEnv(Map.of("FW_RETENTION_INTERVAL_MINUTES", "0"));
        assertThat(off.runsRetention()).isFalse();
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_RETENTION_INTERVAL_MINUTES", "hourly")))
                .hasMessage("FW_RETENTION_INTERVAL_MINUTES must be a whole number of minutes, got 'hourly'");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_RETENTION_INTERVAL_MINUTES", "-5")))
                .hasMessage("FW_RETENTION_INTERVAL_MINUTES must not be negative");
    }

    @Test
    void dsnsNameTheGatewayOnItsPortUnlessAUrlIsGiven() {
        assertThat(QueryApiConfig.fromEnv(Map.of()).gatewayUrl()).hasToString("http://127.0.0.1:8300");
        assertThat(QueryApiConfig.fromEnv(Map.of("FW_GATEWAY_PORT", "48300")).gatewayUrl())
                .hasToString("http://127.0.0.1:48300");
        assertThat(QueryApiConfig.fromEnv(Map.of("FW_API_GATEWAY_URL", "https://ingest.example.com")).gatewayUrl())
                .hasToString("https://ingest.example.com");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_GATEWAY_URL", "ingest.example.com")))
                .hasMessage("FW_API_GATEWAY_URL must be an http(s) URL such as http://127.0.0.1:8300, got 'ingest.example.com'");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_GATEWAY_URL", "http://a b")))
                .hasMessage("FW_API_GATEWAY_URL must be an http(s) URL, got 'http://a b'");
    }

    @Test
    void tokensAreRateLimitedUnlessTurnedOff() {
        assertThat(QueryApiConfig.fromEnv(Map.of()).tokenRateLimitPerMinute()).isEqualTo(1200);
        assertThat(QueryApiConfig.fromEnv(Map.of("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE", "0")).tokenRateLimitPerMinute())
                .isZero();
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE", "-1")))
                .hasMessage("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE must not be negative, got -1");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE", "lots")))
                .hasMessage("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE must be a whole number, got 'lots'");
    }

    @Test
    void alertRulesMayHaveWindowsOfAMinuteUnlessLowered() {
        assertThat(QueryApiConfig.fromEnv(Map.of()).alertLimits()).isEqualTo(new AlertLimits(60, false));
        assertThat(QueryApiConfig.fromEnv(Map.of("FW_ALERT_MIN_WINDOW_SECONDS", "1")).minAlertWindowSeconds()).isEqualTo(1);
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_ALERT_MIN_WINDOW_SECONDS", "0")))
                .hasMessage("FW_ALERT_MIN_WINDOW_SECONDS must be between 1 and 60, got 0");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("FW_ALERT_MIN_WINDOW_SECONDS", "1m")))
                .hasMessage("FW_ALERT_MIN_WINDOW_SECONDS must be a whole number of seconds, got '1m'");
    }

    @Test
    void oneConfigurationHoldsTenancyAndAlerting() {
        QueryApiConfig config = QueryApiConfig.fromEnv(Map.of("FW_API_GATEWAY_URL", "https://ingest.example.com",
                "FW_API_TOKEN_RATE_LIMIT_PER_MINUTE", "60", "FW_ALERT_MIN_WINDOW_SECONDS", "5",
                "FW_NOTIFIER_ENABLED", "false"));
        assertThat(config.gatewayUrl()).hasToString("https://ingest.example.com");
        assertThat(config.tokenRateLimitPerMinute()).isEqualTo(60);
        assertThat(config.minAlertWindowSeconds()).isEqualTo(5);
        assertThat(config.notifier().enabled()).isFalse();
        assertThat(QueryApiConfig.fromEnv(Map.of()).notifier().enabled()).isTrue();
    }
}
