package io.faultwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceAddressesTest {

    @Test
    void defaultsAreTheLocalServicesOfTheScripts() {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of());
        assertThat(services.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(services.postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/faultwatch");
        assertThat(services.postgresUser()).isEqualTo("faultwatch");
        assertThat(services.clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(services.clickhouseUser()).isEqualTo("default");
        assertThat(services.clickhousePassword()).isEmpty();
    }

    @Test
    void portsMoveTheDerivedAddresses() {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of(
                "FW_KAFKA_PORT", "19092", "FW_PG_PORT", "15432", "FW_CLICKHOUSE_HTTP_PORT", "18123"));
        assertThat(services.kafkaBootstrap()).isEqualTo("127.0.0.1:19092");
        assertThat(services.postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/faultwatch");
        assertThat(services.clickhouseUrl()).isEqualTo("http://127.0.0.1:18123");
    }

    @Test
    void explicitAddressesWinOverPorts() {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of(
                "FW_KAFKA_BOOTSTRAP", "kafka:9092", "FW_KAFKA_PORT", "19092",
                "FW_CLICKHOUSE_URL", "http://clickhouse:8123", "FW_PG_HOST", "postgres"));
        assertThat(services.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(services.clickhouseUrl()).isEqualTo("http://clickhouse:8123");
        assertThat(services.postgresJdbcUrl()).startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void postgresUriCarriesTheCredentials() {
        assertThat(ServiceAddresses.fromEnv(Map.of()).postgresUri())
                .isEqualTo("postgresql://faultwatch:faultwatch@127.0.0.1:5432/faultwatch");
    }

    @Test
    void postgresUriEncodesWhatWouldBreakIt() {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of(
                "FW_PG_USER", "fw user", "FW_PG_PASSWORD", "p@ss:w/rd+%?#", "FW_PG_DATABASE", "fault watch",
                "FW_PG_HOST", "db.internal", "FW_PG_PORT", "15432"));
        assertThat(services.postgresUri()).isEqualTo(
                "postgresql://fw%20user:p%40ss%3Aw%2Frd%2B%25%3F%23@db.internal:15432/fault%20watch");
    }

    @Test
    void postgresUriLeavesOutAnEmptyPasswordAndBracketsIpv6() {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of("FW_PG_PASSWORD", "", "FW_PG_HOST", "::1"));
        assertThat(services.postgresUri()).isEqualTo("postgresql://faultwatch@[::1]:5432/faultwatch");
    }

    @Test
    void aBadPortSaysWhichVariable() {
        assertThatThrownBy(() -> ServiceAddresses.fromEnv(Map.of("FW_PG_PORT", "five")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FW_PG_PORT must be a port number, got 'five'");
        assertThatThrownBy(() -> ServiceAddresses.fromEnv(Map.of("FW_CLICKHOUSE_HTTP_PORT", "70000")))
                .hasMessage("FW_CLICKHOUSE_HTTP_PORT must be a port between 1 and 65535, got 70000");
    }

    @Test
    void toStringHidesPasswords() {
        String text = ServiceAddresses.fromEnv(Map.of("FW_PG_PASSWORD", "pg-secret", "FW_CLICKHOUSE_PASSWORD", "ch-secret"))
                .toString();
        assertThat(text).contains("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/faultwatch")
                .doesNotContain("pg-secret", "ch-secret");
    }
}
