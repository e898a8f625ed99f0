package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.exception;
import static io.faultwatch.jobs.TestEvents.frame;
import static io.faultwatch.jobs.TestEvents.message;
import static io.faultwatch.jobs.TestEvents.userServiceNpe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.jobs.functions.DeadLetterSerializer;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a MiniCluster (parallelism 2) against the real Kafka, PostgreSQL and ClickHouse
 * of {@code ./faultwatch services start}. It isolates itself with a random project id, a fresh
 * consumer group and offsets taken at the start, so it never depends on what else is in the topic.
 */
class ErrorPipelineITCase {

    private static final int PARALLELISM = 2;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARALLELISM)
                    .build());

    private static Client clickhouse;

    @TempDir
    Path checkpoints;

    /** A service that is down fails the test, with the command that starts it (Kafka: at the start offsets). */
    @BeforeAll
    static void connectToServices() throws Exception {
        try (Connection ignored = LocalServices.postgres()) {
            // reachable
        }
        clickhouse = LocalServices.clickhouse();
    }

    @AfterAll
    static void disconnect() {
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    @Test
    void groupsCountsAndDeadLettersEvents() throws Exception {
        long projectId = LocalServices.randomProjectId();
        String marker = UUID.randomUUID().toString();
        Map<TopicPartition, Long> eventsStart = endOffsets(Topics.EVENTS);
        Map<TopicPartition, Long> deadLettersStart = endOffsets(Topics.DEAD_LETTERS);

        PipelineConfig config = new PipelineConfig(LocalServices.ADDRESSES, "fw-it-" + UUID.randomUUID(),
                checkpoints.toUri().toString(), Duration.ofSeconds(1), PARALLELISM, Duration.ofDays(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        ErrorPipelineJob.build(env,
                PipelineConnectors.eventsSource(config, OffsetsInitializer.offsets(eventsStart)),
                PipelineConnectors.deadLetterSink(config),
                PipelineConnectors.issueSink(config),
                PipelineConnectors.minuteCountSink(config),
                config.issueRetention());
        JobClient job = env.executeAsync("error-pipeline-it");
        try {
            awaitRunning(job);

            List<ErrorEvent> events = new ArrayList<>();
            for (int line : new int[] {57, 58, 61, 57, 70}) {
                events.add(userServiceNpe(projectId, System.currentTimeMillis(), line));
            }
            for (int i = 0; i < 3; i++) {
                events.add(exception(projectId, System.currentTimeMillis(), "java.lang.IllegalStateException",
                        "card declined", frame("com.acme.billing.Billing", "charge", 100 + i, true)));
            }
            for (int userId : new int[] {123, 456, 789, 1011}) {
                events.add(message(projectId, System.currentTimeMillis(), "warning", "user " + userId + " not found"));
            }
            List<byte[]> malformed = List.of(
                    ("not json " + marker).getBytes(StandardCharsets.UTF_8),
                    ("{\"eventId\":\"" + marker + "\",\"projectId\":0}").getBytes(StandardCharsets.UTF_8));
            produce(projectId, events, malformed);

            assertThat(awaitValue(() -> issueRows(projectId), expectedIssueRows(projectId, events)))
                    .containsExactlyInAnyOrderElementsOf(expectedIssueRows(projectId, events));
            assertThat(awaitValue(() -> minuteCounts(projectId), expectedMinuteCounts(events)))
                    .isEqualTo(expectedMinuteCounts(events));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = awaitDeadLetters(deadLettersStart, marker, 2);
            assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(malformed);
            assertThat(deadLetters).allSatisfy(letter ->
                    assertThat(letter.headers().lastHeader(DeadLetterSerializer.REASON_HEADER)).isNotNull());
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private record ExpectedIssue(String fingerprint, String title, String culprit, String level,
                                 long firstSeen, long lastSeen, long timesSeen) {}

    private static List<ExpectedIssue> expectedIssueRows(long projectId, List<ErrorEvent> events) {
        Map<String, List<ErrorEvent>> byFingerprint = events.stream()
                .collect(Collectors.groupingBy(event -> Fingerprinter.group(event).fingerprint()));
        assertThat(byFingerprint).as("three distinct issues").hasSize(3);
        List<ExpectedIssue> expected = new ArrayList<>();
        byFingerprint.forEach((fingerprint, issueEvents) -> {
            ErrorEvent last = issueEvents.get(issueEvents.size() - 1);
            Grouping grouping = Fingerprinter.group(last);
            expected.add(new ExpectedIssue(fingerprint, grouping.title(), grouping.culprit(), last.level(),
                    issueEvents.get(0).receivedAt(), last.receivedAt(), issueEvents.size()));
        });
        return expected;
    }

    /** (fingerprint, minute as epoch seconds) → count. */
    private static Map<String, Long> expectedMinuteCounts(List<ErrorEvent> events) {
        return events.stream().collect(Collectors.groupingBy(
                event -> Fingerprinter.group(event).fingerprint() + "@" + (event.receivedAt() / 60_000 * 60),
                TreeMap::new, Collectors.counting()));
    }

    private static List<ExpectedIssue> issueRows(long projectId) {
        try (Connection connection = LocalServices.postgres();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT fingerprint, title, culprit, level, first_seen, last_seen, times_seen"
                             + " FROM issues WHERE project_id = ?")) {
            query.setLong(1, projectId);
            List<ExpectedIssue> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new ExpectedIssue(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getTimestamp(5).getTime(), result.getTimestamp(6).getTime(),
                            result.getLong(7)));
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("reading issues from PostgreSQL failed", e);
        }
    }

    private static Map<String, Long> minuteCounts(long projectId) {
        String sql = "SELECT fingerprint, toUInt32(minute) AS minute, event_count"
                + " FROM " + LocalServices.ADDRESSES.clickhouseDatabase() + ".error_metrics_1m FINAL"
                + " WHERE project_id = " + projectId + " FORMAT JSONEachRow";
        Map<String, Long> counts = new TreeMap<>();
        try (QueryResponse response = clickhouse.query(sql).get(10, TimeUnit.SECONDS);
             BufferedReader lines = new BufferedReader(
                     new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    counts.put(row.get("fingerprint").asText() + "@" + row.get("minute").asLong(),
                            row.get("event_count").asLong());
                }
            }
            return counts;
        } catch (Exception e) {
            throw new IllegalStateException("reading error_metrics_1m from ClickHouse failed", e);
        }
    }

    private static void produce(long projectId, List<ErrorEvent> events, List<byte[]> malformed) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.ADDRESSES.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = Long.toString(projectId).getBytes(StandardCharsets.UTF_8);
            for (ErrorEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, key, EventJson.toBytes(event))).get();
            }
            for (byte[] record : malformed) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, key, record)).get();
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer(topic)) {
            return consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList());
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(
            Map<TopicPartition, Long> start, String marker, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        // A pipeline job already running on the shared services (the demo's) reads the same records
        // of fw.events and dead-letters them as well: keep one copy of each.
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer(Topics.DEAD_LETTERS)) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains(marker) && seen.add(value)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static KafkaConsumer<byte[], byte[]> bytesConsumer(String topic) {
        return LocalServices.kafkaConsumer(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
        JobStatus status = job.getJobStatus().get();
        while (status != JobStatus.RUNNING && System.nanoTime() < deadline) {
            if (status.isGloballyTerminalState()) {
                fail("the job ended before it ran: " + status);
            }
            Thread.sleep(100);
            status = job.getJobStatus().get();
        }
        assertThat(status).isEqualTo(JobStatus.RUNNING);
    }

    /** Polls until the value equals the expectation or the timeout passes; returns the last value seen. */
    private static <T> T awaitValue(Supplier<T> actual, Object expected) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
        T value = actual.get();
        while (!sameContent(value, expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            value = actual.get();
        }
        return value;
    }

    private static boolean sameContent(Object value, Object expected) {
        if (value instanceof List<?> list && expected instanceof List<?> other) {
            return list.size() == other.size() && list.containsAll(other);
        }
        return value.equals(expected);
    }
}
