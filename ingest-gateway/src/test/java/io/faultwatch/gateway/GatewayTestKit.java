package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.fail;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Outcome;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the gateway's integration tests share: the real services of {@link LocalServices} (failing
 * with a hint when they are not running), projects and keys of their own, and views of fw.events,
 * fw.sessions and fw.outcomes limited to what was written after the kit was created. Each test
 * project has a random id of at least 1,000,000, so tests running at the same time against the same
 * services never see each other's rows or records.
 */
final class GatewayTestKit implements AutoCloseable {
    private final Connection db;
    private final TopicView<ErrorEvent> events = new TopicView<>(Topics.EVENTS, EventJson::fromBytes);
    private final TopicView<SessionRecord> sessions =
            new TopicView<>(Topics.SESSIONS, v -> RecordJson.fromBytes(v, SessionRecord.class));
    private final TopicView<Outcome> outcomes =
            new TopicView<>(Topics.OUTCOMES, v -> RecordJson.fromBytes(v, Outcome.class));
    private final List<Long> projects = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final List<IngestGateway> gateways = new ArrayList<>();

    record TestProject(long id, String key) {
        String dsn(int port) {
            return "http://" + key + "@127.0.0.1:" + port + "/" + id;
        }
    }

    GatewayTestKit() {
        db = LocalServices.postgres();
    }

    /** The gateway's configuration from the environment, on a free loopback port, with {@code overrides}. */
    GatewayConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FW_GATEWAY_HOST", "127.0.0.1");
        env.put("FW_GATEWAY_PORT", "0");
        env.put("FW_GATEWAY_IP_HASH_SALT", "gateway-it");
        env.putAll(overrides);
        return GatewayConfig.fromEnv(env);
    }

    GatewayConfig config() {
        return config(Map.of());
    }

    /** A gateway with {@link #config(Map)}, stopped by {@link #close()} if not before. */
    IngestGateway startGateway(Map<String, String> overrides) {
        IngestGateway gateway = await(IngestGateway.start(vertx, config(overrides)));
        gateways.add(gateway);
        return gateway;
    }

    IngestGateway startGateway() {
        return startGateway(Map.of());
    }

    void stop(IngestGateway gateway) {
        if (gateways.remove(gateway)) {
            await(gateway.close());
        }
    }

    /** A new project with the migration's default settings and one key, active or not. */
    TestProject newProject(boolean keyActive) {
        return newProject(keyActive, null);
    }

    /** A new project limited to {@code rateLimitPerMinute} (null: no project limit). */
    TestProject newProject(boolean keyActive, Integer rateLimitPerMinute) {
        long id = LocalServices.randomProjectId();
        update("INSERT INTO projects (id, slug, name, rate_limit_per_minute) VALUES (?, ?, ?, ?)",
                id, "gateway-it-" + id, "gateway ITCase " + id, rateLimitPerMinute);
        projects.add(id);
        return new TestProject(id, newKey(id, keyActive));
    }

    String newKey(long projectId, boolean active) {
        String key = randomKey();
        update("INSERT INTO project_keys (public_key, project_id, is_active) VALUES (?, ?, ?)", key, projectId, active);
        return key;
    }

    static String randomKey() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An active key with a name chosen before it existed. */
    void newKeyNamed(String key, long projectId) {
        update("INSERT INTO project_keys (public_key, project_id, is_active) VALUES (?, ?, TRUE)", key, projectId);
    }

    void setKeyActive(String key, boolean active) {
        update("UPDATE project_keys SET is_active = ? WHERE public_key = ?", active, key);
    }

    void setProjectSettings(long projectId, Integer rateLimitPerMinute, boolean scrubData, boolean storeUserIp) {
        update("UPDATE projects SET rate_limit_per_minute = ?, scrub_data = ?, store_user_ip = ? WHERE id = ?",
                rateLimitPerMinute, scrubData, storeUserIp, projectId);
    }

    void setSampleRate(long projectId, double sampleRate) {
        update("UPDATE projects SET sample_rate = ? WHERE id = ?", sampleRate, projectId);
    }

    private void update(String sql, Object... params) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    p.setNull(i + 1, Types.INTEGER);
                } else {
                    p.setObject(i + 1, params[i]);
                }
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The records of a topic written since this kit was created that belong to the project. The
     * gateway answers only after Kafka acknowledged, so whatever it wrote before answering is
     * already below the end offsets read here: no waiting is needed.
     */
    List<ConsumerRecord<String, ErrorEvent>> records(long projectId) {
        return events.records(projectId);
    }

    List<ErrorEvent> events(long projectId) {
        return events.records(projectId).stream().map(ConsumerRecord::value).toList();
    }

    List<SessionRecord> sessions(long projectId) {
        return sessions.records(projectId).stream().map(ConsumerRecord::value).toList();
    }

    List<Outcome> outcomes(long projectId) {
        return outcomes.records(projectId).stream().map(ConsumerRecord::value).toList();
    }

    /** Outcomes of refusals are written without delaying the answer, so they may need a moment. */
    List<Outcome> outcomesOnceThere(long projectId, Predicate<List<Outcome>> complete) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<Outcome> found = outcomes(projectId);
        while (!complete.test(found) && System.nanoTime() < deadline) {
            sleep(100);
            found = outcomes(projectId);
        }
        return found;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    interface Parser<T> {
        T parse(byte[] value) throws IOException;
    }

    /** One topic from the offsets it had when the kit was created. */
    private static final class TopicView<T> implements AutoCloseable {
        private final String topic;
        private final Parser<T> parser;
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions = new ArrayList<>();
        private final Map<TopicPartition, Long> startOffsets;

        TopicView(String topic, Parser<T> parser) {
            this.topic = topic;
            this.parser = parser;
            consumer = LocalServices.kafkaConsumer(topic, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(partitions);
            startOffsets = new HashMap<>(consumer.endOffsets(partitions));
        }

        synchronized List<ConsumerRecord<String, T>> records(long projectId) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            startOffsets.forEach(consumer::seek);
            List<ConsumerRecord<String, T>> found = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " up to " + end + " within 20 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!Long.toString(projectId).equals(r.key())) {
                        continue;
                    }
                    T value;
                    try {
                        value = parser.parse(r.value());
                    } catch (IOException e) {
                        throw new AssertionError("record of project " + projectId + " in " + topic
                                + " does not parse", e);
                    }
                    found.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                            r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(), value,
                            r.headers(), r.leaderEpoch()));
                }
            }
            return found;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Stops its gateways, then removes this kit's rows (keys first, they reference projects), no others. */
    @Override
    public void close() throws SQLException {
        List.copyOf(gateways).forEach(this::stop);
        await(vertx.close());
        try (db; events; sessions; outcomes;
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
