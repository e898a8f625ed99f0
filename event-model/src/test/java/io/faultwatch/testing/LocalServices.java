package io.faultwatch.testing;

import com.clickhouse.client.api.Client;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The real Kafka, PostgreSQL and ClickHouse that integration tests use, at the addresses of
 * {@link ServiceAddresses#fromEnv()}. Every accessor fails the test, with the command that starts
 * the services, when one is not reachable: a missing service is never a skipped test.
 *
 * <p>Tests share the running services. They isolate themselves with {@link #randomProjectId()}
 * and only delete the rows they created.
 */
public final class LocalServices {
    public static final ServiceAddresses ADDRESSES = ServiceAddresses.fromEnv();
    public static final String START_HINT = "; start the services with ./faultwatch services start";

    private LocalServices() {}

    /** A project id no other test run uses (ids below 1,000,000 belong to the demo and to users). */
    public static long randomProjectId() {
        return 1_000_000 + ThreadLocalRandom.current().nextLong(1_000_000_000_000L);
    }

    public static Connection postgres() {
        DriverManager.setLoginTimeout(5);
        try {
            return DriverManager.getConnection(
                    ADDRESSES.postgresJdbcUrl(), ADDRESSES.postgresUser(), ADDRESSES.postgresPassword());
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + ADDRESSES.postgresJdbcUrl()
                    + " (" + e.getMessage() + ")" + START_HINT, e);
        }
    }

    public static Client clickhouse() {
        Client client = ClickHouseClients.builder(ADDRESSES).build();
        if (!client.ping(5_000)) {
            client.close();
            throw new AssertionError("ClickHouse is not reachable at " + ADDRESSES.clickhouseUrl() + START_HINT);
        }
        return client;
    }

    /** A consumer without a group (tests assign partitions) once the topic is known to exist. */
    public static <K, V> KafkaConsumer<K, V> kafkaConsumer(
            String topic, Deserializer<K> keys, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ADDRESSES.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values);
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            consumer.close();
            throw new AssertionError("Kafka is not reachable at " + ADDRESSES.kafkaBootstrap() + START_HINT, e);
        }
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            throw new AssertionError("Kafka has no topic " + topic + START_HINT);
        }
        return consumer;
    }
}
