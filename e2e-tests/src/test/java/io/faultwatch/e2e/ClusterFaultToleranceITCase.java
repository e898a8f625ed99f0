package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly once on the real local Flink cluster ({@code ./faultwatch cluster}, a JobManager and a
 * TaskManager process), with the job jar a data engineer deploys ({@code ./faultwatch deploy}): while
 * events stream in, with SDK-style retries (duplicate event ids) and unreadable records among them, the
 * TaskManager process is killed twice and replaced, and the job is upgraded once (stop with a savepoint,
 * resubmit from it). Afterwards every count is exact: the PostgreSQL issues, the ClickHouse per-minute
 * metrics, and the dead-letter topic as a read_committed consumer sees it.
 */
class ClusterFaultToleranceITCase {
    private static final int PROJECTS = 3;
    /** Issues per project, with different shares of the events so that no two have the same count. */
    private static final List<String> ISSUES = List.of("alpha", "bravo", "charlie", "delta");
    /** Event records produced, duplicates included. */
    private static final int EVENTS = 2_400;
    /** Of those, re-sends of an event already produced (same project, same event id). */
    private static final int DUPLICATES = 240;
    private static final int MALFORMED = 16;
    /** The stream is produced in this many chunks; a fault hits each of the first three mid-chunk. */
    private static final int CHUNKS = 4;
    private static final Duration CHUNK_DURATION = Duration.ofSeconds(6);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);

    private final LocalFlinkCluster cluster = new LocalFlinkCluster();
    private final String run = UUID.randomUUID().toString();
    private final List<Long> projects = new ArrayList<>();
    private final List<String> jobs = new ArrayList<>();
    private boolean startedCluster;

    @AfterEach
    void cleanUp() throws Exception {
        for (String job : jobs) {
            if (!List.of("CANCELED", "FINISHED", "FAILED").contains(cluster.state(job))) {
                cluster.cancel(job);
            }
        }
        if (startedCluster) {
            cluster.succeed("cluster", "stop");
        }
        try (Connection db = LocalServices.postgres();
             PreparedStatement delete = db.prepareStatement("DELETE FROM issues WHERE project_id = ?")) {
            for (long project : projects) {
                delete.setLong(1, project);
                delete.executeUpdate();
            }
        }
    }

    @Test
    void countsStayExactThroughKilledTaskManagersAndAnUpgrade() throws Exception {
        for (int i = 0; i < PROJECTS; i++) {
            projects.add(LocalServices.randomProjectId());
        }
        List<ProducerRecord<byte[], byte[]>> stream = new ArrayList<>();
        Map<String, Long> expectedIssues = new TreeMap<>();
        List<byte[]> malformed = new ArrayList<>();
        buildStream(stream, expectedIssues, malformed);
        long unique = EVENTS - DUPLICATES;
        assertThat(expectedIssues.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(unique);

        startedCluster = cluster.faultwatch("cluster", "status").exitCode() != 0;
        cluster.succeed("cluster", "start");
        assertThat(cluster.unfinishedJobs()).as("the local cluster has slots for one pipeline only; stop its jobs first")
                .isEmpty();
        assertThat(LocalFlinkCluster.JOB_JAR).as("the job jar (mvn package builds it)").exists();

        // The job's group starts where the topics end now: it reads this test's records, not the shared history.
        String groupId = "fw-cluster-it-" + run;
        Map<TopicPartition, Long> deadLettersStart = LocalServices.endOffsets(Topics.DEAD_LETTERS);
        commitEndOffsets(groupId, Topics.EVENTS, Topics.SESSIONS, Topics.ISSUE_COMMANDS);
        String job = cluster.succeed("deploy", "--group-id", groupId, "--checkpoint-interval-ms", "1000");
        jobs.add(job);
        cluster.awaitCheckpoints(job, 1, RECOVERY_TIMEOUT);

        int chunkSize = (stream.size() + CHUNKS - 1) / CHUNKS;
        try (KafkaProducer<byte[], byte[]> producer = LocalServices.kafkaProducer()) {
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                List<ProducerRecord<byte[], byte[]>> records =
                        stream.subList(chunk * chunkSize, Math.min(stream.size(), (chunk + 1) * chunkSize));
                Thread chunkProducer = new Thread(() -> producePaced(producer, records), "chunk-" + chunk);
                chunkProducer.start();
                Thread.sleep(CHUNK_DURATION.toMillis() / 3);
                if (chunk < 2) {
                    long killed = cluster.killTaskManager();
                    String restarted = cluster.succeed("cluster", "start-taskmanager");
                    assertThat(restarted).as("a new TaskManager replaces pid %d", killed).contains("running");
                } else if (chunk == 2) {
                    assertThat(cluster.failures(job)).as("job %s recovered from both lost TaskManagers", job)
                            .isGreaterThanOrEqualTo(2);
                    job = cluster.succeed("upgrade");
                    jobs.add(job);
                }
                chunkProducer.join(TimeUnit.MINUTES.toMillis(1));
                assertThat(chunkProducer.isAlive()).as("chunk %d produced within a minute", chunk).isFalse();
                producer.flush();
                cluster.awaitCheckpoints(job, 1, RECOVERY_TIMEOUT);
            }
        }

        String lastJob = job;
        Supplier<String> counts = () -> "issues " + issueCounts() + ", per-minute sum " + minuteCountSum();
        String expected = "issues " + expectedIssues + ", per-minute sum " + unique;
        RunningStack.assertEventually(counts, expected);
        // Replays after the faults may not have finished: once more checkpoints passed, nothing more was added.
        cluster.awaitCheckpoints(lastJob, 2, RECOVERY_TIMEOUT);
        assertThat(counts.get()).isEqualTo(expected);
        assertThat(deadLetters(deadLettersStart)).as("dead letters of this run, each with how often it was written")
                .isEqualTo(malformed.stream().collect(Collectors.toMap(
                        payload -> new String(payload, StandardCharsets.UTF_8), payload -> 1, Integer::sum, TreeMap::new)));
    }

    /**
     * The records of the run, in order: unique events spread over the projects and issues, every ninth
     * followed by a re-send of an earlier one (an SDK retry), and a malformed record after every 135th.
     */
    private void buildStream(List<ProducerRecord<byte[], byte[]>> stream, Map<String, Long> expectedIssues,
                             List<byte[]> malformed) {
        List<ProducerRecord<byte[], byte[]>> unique = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; unique.size() + duplicates < EVENTS; i++) {
            long project = projects.get(i % PROJECTS);
            // Shares 4:3:2:1 of the events, so the issues' counts differ.
            int share = (i / PROJECTS) % 10;
            String issue = ISSUES.get(share < 4 ? 0 : share < 7 ? 1 : share < 9 ? 2 : 3);
            ProducerRecord<byte[], byte[]> record = eventRecord(project, issue);
            unique.add(record);
            stream.add(record);
            expectedIssues.merge(project + " " + title(issue), 1L, Long::sum);
            if (unique.size() % 9 == 0 && duplicates < DUPLICATES) {
                stream.add(unique.get(Math.max(0, unique.size() - 40)));
                duplicates++;
            }
            if (unique.size() % 135 == 0 && malformed.size() < MALFORMED) {
                byte[] payload = malformed.size() % 2 == 0
                        ? ("{\"event_id\": \"malformed-" + run + "-" + malformed.size() + "\", \"project_id\": ")
                                .getBytes(StandardCharsets.UTF_8)
                        : ("[\"malformed-" + run + "-" + malformed.size() + "\"]").getBytes(StandardCharsets.UTF_8);
                malformed.add(payload);
                stream.add(new ProducerRecord<>(Topics.EVENTS, key(project), payload));
            }
        }
        assertThat(duplicates).isEqualTo(DUPLICATES);
        assertThat(malformed).hasSize(MALFORMED);
    }

    private static String title(String issue) {
        return "cluster fault test " + issue;
    }

    private static ProducerRecord<byte[], byte[]> eventRecord(long project, String issue) {
        long now = System.currentTimeMillis();
        ErrorEvent event = new ErrorEvent(UUID.randomUUID().toString().replace("-", ""), project, now, now,
                "error", "java", "production", "app@1.0.0", "host-1", null, title(issue), null, null, null, null,
                null, List.of("cluster-fault-test", issue), null, null, null, null, null, null, null);
        return new ProducerRecord<>(Topics.EVENTS, key(project), EventJson.toBytes(event));
    }

    private static byte[] key(long project) {
        return Long.toString(project).getBytes(StandardCharsets.UTF_8);
    }


    /** Sends the records evenly over {@link #CHUNK_DURATION}, like a steady stream of SDK traffic. */
    private static void producePaced(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records) {
        long start = System.nanoTime();
        long nanosPerRecord = CHUNK_DURATION.toNanos() / records.size();
        try {
            for (int i = 0; i < records.size(); i++) {
                long due = start + i * nanosPerRecord;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                producer.send(records.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void commitEndOffsets(String groupId, String... topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String topic : topics) {
            LocalServices.endOffsets(topic).forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.ADDRESSES.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** "project title" → times_seen of every issue row of the run's projects. */
    private Map<String, Long> issueCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = LocalServices.postgres();
             PreparedStatement query = db.prepareStatement(
                     "SELECT project_id, title, times_seen FROM issues WHERE project_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("bigint", projects.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getLong(1) + " " + rows.getString(2), rows.getLong(3));
                }
            }
        } catch (Exception e) {
            throw new AssertionError("reading issues from PostgreSQL failed", e);
        }
        return counts;
    }

    /** The run's events in ClickHouse's per-minute metrics: each minute's count (maxMerge), summed. */
    private long minuteCountSum() {
        String sql = "SELECT sum(events) AS total FROM (SELECT maxMerge(event_count) AS events FROM "
                + LocalServices.ADDRESSES.clickhouseDatabase() + ".error_metrics_1m WHERE project_id IN ("
                + projects.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"
                + " GROUP BY project_id, environment, release, fingerprint, level, time) FORMAT JSONEachRow";
        try (Client clickhouse = LocalServices.clickhouse();
             QueryResponse response = clickhouse.query(sql).get(10, TimeUnit.SECONDS)) {
            List<JsonNode> rows = ClickHouseClients.jsonEachRow(response);
            return rows.isEmpty() ? 0 : rows.get(0).get("total").asLong();
        } catch (Exception e) {
            throw new AssertionError("querying ClickHouse failed: " + sql, e);
        }
    }

    /** This run's dead letters as a read_committed consumer (LocalServices') sees them, with how often each is there. */
    private Map<String, Integer> deadLetters(Map<TopicPartition, Long> start) {
        Map<String, Integer> letters = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = LocalServices.kafkaConsumer(Topics.DEAD_LETTERS,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // read_committed positions stop before open transactions (of other jobs), hence the deadline.
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    String payload = new String(record.value(), StandardCharsets.UTF_8);
                    if (payload.contains("malformed-" + run + "-")) {
                        letters.merge(payload, 1, Integer::sum);
                    }
                }
            }
        }
        return letters;
    }
}
