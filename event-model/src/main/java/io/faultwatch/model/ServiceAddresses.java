package io.faultwatch.model;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where Kafka, PostgreSQL and ClickHouse listen. Read once from the environment, with the same
 * variable names and defaults as {@code scripts/services.sh} and {@code docker-compose.yml}, so
 * the apps, the tests and the scripts agree on one place. Serializable because Flink ships the
 * sinks that hold it from the job client to the task managers.
 */
public record ServiceAddresses(
        String kafkaBootstrap,
        String postgresHost,
        int postgresPort,
        String postgresDatabase,
        String postgresUser,
        String postgresPassword,
        String clickhouseUrl,
        String clickhouseDatabase,
        String clickhouseUser,
        String clickhousePassword) implements Serializable {

    public static ServiceAddresses fromEnv() {
        return fromEnv(System.getenv());
    }

    public static ServiceAddresses fromEnv(Map<String, String> env) {
        String pgPort = env.getOrDefault("FW_PG_PORT", "5432");
        String chPort = env.getOrDefault("FW_CLICKHOUSE_HTTP_PORT", "8123");
        return new ServiceAddresses(
                env.getOrDefault("FW_KAFKA_BOOTSTRAP",
                        "127.0.0.1:" + env.getOrDefault("FW_KAFKA_PORT", "9092")),
                env.getOrDefault("FW_PG_HOST", "127.0.0.1"),
                parsePort("FW_PG_PORT", pgPort),
                env.getOrDefault("FW_PG_DATABASE", "faultwatch"),
                env.getOrDefault("FW_PG_USER", "faultwatch"),
                env.getOrDefault("FW_PG_PASSWORD", "faultwatch"),
                env.getOrDefault("FW_CLICKHOUSE_URL",
                        "http://127.0.0.1:" + parsePort("FW_CLICKHOUSE_HTTP_PORT", chPort)),
                env.getOrDefault("FW_CLICKHOUSE_DATABASE", "faultwatch"),
                env.getOrDefault("FW_CLICKHOUSE_USER", "default"),
                env.getOrDefault("FW_CLICKHOUSE_PASSWORD", ""));
    }

    public String postgresJdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDatabase;
    }

    /**
     * The libpq-style URI {@code postgresql://user:password@host:port/database}, credentials
     * included, for clients configured by one URI (Vert.x {@code PgConnectOptions.fromUri}). User,
     * password and database are percent-encoded, so any character in them survives the round trip.
     */
    public String postgresUri() {
        String credentials = postgresUser.isEmpty() ? ""
                : encode(postgresUser) + (postgresPassword.isEmpty() ? "" : ":" + encode(postgresPassword)) + "@";
        // An IPv6 literal needs brackets to be told apart from the port.
        String host = postgresHost.contains(":") ? "[" + postgresHost + "]" : postgresHost;
        return "postgresql://" + credentials + host + ":" + postgresPort + "/" + encode(postgresDatabase);
    }

    /** URLEncoder writes a space as '+', which URI parsers read literally; %20 is read as a space by all. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a port between 1 and 65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'", e);
        }
    }

    /** Passwords stay out of logs and error messages. */
    @Override
    public String toString() {
        return "ServiceAddresses[kafka=" + kafkaBootstrap + ", postgres=" + postgresJdbcUrl() + " as " + postgresUser
                + ", clickhouse=" + clickhouseUrl + "/" + clickhouseDatabase + " as " + clickhouseUser + "]";
    }
}
