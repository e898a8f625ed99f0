package io.faultwatch.testing;

import com.clickhouse.client.api.Client;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

    /**
     * A consumer without a group (tests assign partitions) once the topic is known to exist. It reads
     * committed records only, as consumers of the pipeline job's transactional topics must.
     */
    public static <K, V> KafkaConsumer<K, V> kafkaConsumer(
            String topic, Deserializer<K> keys, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ADDRESSES.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
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

    /** A producer of raw records with the gateway's guarantees (acks=all, idempotent), as tests feed the job's topics. */
    public static KafkaProducer<byte[], byte[]> kafkaProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ADDRESSES.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Where each partition of the topic ends now: a test that starts reading there sees only its own records. */
    public static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                     kafkaConsumer(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList());
        }
    }

    /**
     * The records written to a topic since {@code start} that belong to the test, in the order read: those
     * {@code identify} names (null for a record of someone else), one per name, because a pipeline job
     * already running on the shared services (the demo's) may write the same records as well. Reads until
     * {@code expected} names arrived or the timeout passed.
     */
    public static Map<String, ConsumerRecord<byte[], byte[]>> awaitRecords(
            String topic, Map<TopicPartition, Long> start, int expected, Duration timeout,
            Function<ConsumerRecord<byte[], byte[]>, String> identify) {
        Map<String, ConsumerRecord<byte[], byte[]>> found = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     kafkaConsumer(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    String name = identify.apply(record);
                    if (name != null) {
                        found.putIfAbsent(name, record);
                    }
                }
            }
        }
        return found;
    }
}
