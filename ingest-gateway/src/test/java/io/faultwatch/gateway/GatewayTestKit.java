package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.fail;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import io.vertx.core.Future;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the gateway's integration tests share: the real services of {@link LocalServices} (failing
 * with a hint when they are not running), projects and keys of their own, and a view of fw.events
 * limited to what was written after the test started. Each test project has a random id of at least
 * 1,000,000, so tests running at the same time against the same services never see each other's
 * rows or records.
 */
final class GatewayTestKit implements AutoCloseable {
    private final Connection db;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> startOffsets;
    private final List<Long> projects = new ArrayList<>();

    record TestProject(long id, String key) {
        String dsn(int port) {
            return "http://" + key + "@127.0.0.1:" + port + "/" + id;
        }
    }

    GatewayTestKit() {
        db = LocalServices.postgres();
        consumer = LocalServices.kafkaConsumer(Topics.EVENTS, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.partitionsFor(Topics.EVENTS).forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        consumer.assign(partitions);
        startOffsets = new HashMap<>(consumer.endOffsets(partitions));
    }

    GatewayConfig config() {
        return new GatewayConfig("127.0.0.1", 0, GatewayConfig.DEFAULT_MAX_EVENT_BYTES,
                GatewayConfig.DEFAULT_MAX_ENVELOPE_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(10),
                LocalServices.ADDRESSES);
    }

    /** A new project with one key, active or not. */
    TestProject newProject(boolean keyActive) {
        long id = LocalServices.randomProjectId();
        try (PreparedStatement p = db.prepareStatement("INSERT INTO projects (id, slug, name) VALUES (?, ?, ?)")) {
            p.setLong(1, id);
            p.setString(2, "gateway-it-" + id);
            p.setString(3, "gateway ITCase " + id);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        projects.add(id);
        return new TestProject(id, newKey(id, keyActive));
    }

    String newKey(long projectId, boolean active) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO project_keys (public_key, project_id, is_active) VALUES (?, ?, ?)")) {
            p.setString(1, key);
            p.setLong(2, projectId);
            p.setBoolean(3, active);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return key;
    }

    /**
     * The records of fw.events written since this kit was created that belong to the project, by key
     * or by content. The gateway answers only after Kafka acknowledged, so whatever it wrote before
     * answering is already below the end offsets read here: no waiting is needed.
     */
    List<ConsumerRecord<String, ErrorEvent>> records(long projectId) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        startOffsets.forEach(consumer::seek);
        List<ConsumerRecord<String, ErrorEvent>> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                fail("could not read " + Topics.EVENTS + " up to " + end + " within 20 s");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                ErrorEvent event = parseOrNull(r.value());
                boolean byKey = Long.toString(projectId).equals(r.key());
                if (byKey || (event != null && event.projectId() == projectId)) {
                    found.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                            r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(), event,
                            r.headers(), r.leaderEpoch()));
                }
            }
        }
        return found;
    }

    /** Other tests write to the same topic, possibly records that are not events at all. */
    private static ErrorEvent parseOrNull(byte[] value) {
        try {
            return value == null ? null : EventJson.fromBytes(value);
        } catch (IOException e) {
            return null;
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Removes this kit's rows (keys first, they reference projects); never touches other rows. */
    @Override
    public void close() throws SQLException {
        try (db; consumer;
             PreparedStatement keys = db.prepareStatement("DELETE FROM project_keys WHERE project_id = ?");
             PreparedStatement rows = db.prepareStatement("DELETE FROM projects WHERE id = ?")) {
            for (long id : projects) {
                keys.setLong(1, id);
                keys.executeUpdate();
                rows.setLong(1, id);
                rows.executeUpdate();
            }
        }
    }
}
