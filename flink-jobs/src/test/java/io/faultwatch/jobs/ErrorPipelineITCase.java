package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.asUser;
import static io.faultwatch.jobs.TestEvents.exception;
import static io.faultwatch.jobs.TestEvents.frame;
import static io.faultwatch.jobs.TestEvents.message;
import static io.faultwatch.jobs.TestEvents.userServiceNpe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.jobs.functions.DeadLetterSerializer;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The whole job on a MiniCluster (parallelism 2) against the real Kafka, PostgreSQL and ClickHouse
 * of {@code ./faultwatch services start}. It isolates itself with a random project id, a fresh
 * consumer group and offsets taken at the start, so it never depends on what else is in the topics.
 * Status commands are written to their topic directly, as the query API would.
 */
class ErrorPipelineITCase extends PipelineJobITCase {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void groupsCountsDeadLettersAndFollowsTheIssueLifecycle() throws Exception {
        long projectId = LocalServices.randomProjectId();
        String marker = UUID.randomUUID().toString();
        Map<TopicPartition, Long> eventsStart = LocalServices.endOffsets(Topics.EVENTS);
        Map<TopicPartition, Long> deadLettersStart = LocalServices.endOffsets(Topics.DEAD_LETTERS);
        Map<TopicPartition, Long> issueEventsStart = LocalServices.endOffsets(Topics.ISSUE_EVENTS);

        PipelineConfig config = PipelineConfig.fromArgs(new String[] {"--group-id", "fw-it-" + UUID.randomUUID(),
                "--checkpoint-dir", checkpoints.toUri().toString(), "--checkpoint-interval-ms", "1000",
                "--parallelism", Integer.toString(PARALLELISM)}, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        ErrorPipelineJob.build(env, PipelineConnectors.endpoints(config, OffsetsInitializer.offsets(eventsStart),
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.SESSIONS)),
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.ISSUE_COMMANDS))), config);
        JobClient job = env.executeAsync("error-pipeline-it");
        try {
            awaitRunning(job);

            List<ErrorEvent> events = new ArrayList<>();
            int[] lines = {57, 58, 61, 57, 70};
            String[] users = {"u1", "u2", "u1", "u3", "u2"};
            for (int i = 0; i < lines.length; i++) {
                events.add(asUser(userServiceNpe(projectId, System.currentTimeMillis(), lines[i]), users[i],
                        i < 3 ? "production" : "staging"));
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
            produce(Topics.EVENTS, Long.toString(projectId), events.stream().map(EventJson::toBytes).toList());
            produce(Topics.EVENTS, Long.toString(projectId), malformed);

            assertThat(awaitValue(() -> issueRows(projectId), expectedIssueRows(events)))
                    .containsExactlyInAnyOrderElementsOf(expectedIssueRows(events));
            assertThat(awaitValue(() -> minuteCounts(projectId), expectedMinuteCounts(events)))
                    .isEqualTo(expectedMinuteCounts(events));
            assertThat(awaitValue(() -> storedEvents(projectId), (long) events.size())).isEqualTo(events.size());

            long now = System.currentTimeMillis();
            produce(Topics.SESSIONS, Long.toString(projectId), List.of(
                    session(projectId, now, "s1", true, "ok", 0),
                    session(projectId, now, "s1", true, "ok", 0), // an SDK's retry: counted once
                    session(projectId, now, "s1", false, "exited", 1),
                    session(projectId, now, "s2", true, "crashed", 0),
                    RecordJson.toBytes(SessionRecord.aggregate(projectId, now, "app@1.0.0", "production", now, null,
                            3, 1, 0, 0))));
            assertThat(awaitValue(() -> sessionCounts(projectId), "6 5 3 1 0")).isEqualTo("6 5 3 1 0");
            List<ConsumerRecord<byte[], byte[]>> deadLetters = awaitDeadLetters(deadLettersStart, marker, 2);
            assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(malformed);
            assertThat(deadLetters).allSatisfy(letter ->
                    assertThat(letter.headers().lastHeader(DeadLetterSerializer.REASON_HEADER)).isNotNull());

            // Resolved, the NPE reopens on its next event: a regression.
            String npe = Fingerprinter.group(events.get(0)).fingerprint();
            IssueCommand resolve = new IssueCommand(projectId, npe, IssueStatus.RESOLVED, System.currentTimeMillis(),
                    null, null);
            produce(Topics.ISSUE_COMMANDS, Topics.issueKey(projectId, npe), List.of(RecordJson.toBytes(resolve)));
            assertThat(awaitValue(() -> status(projectId, npe), "resolved")).isEqualTo("resolved");
            ErrorEvent again = userServiceNpe(projectId, System.currentTimeMillis(), 57);
            produce(Topics.EVENTS, Long.toString(projectId), List.of(EventJson.toBytes(again)));
            assertThat(awaitValue(() -> status(projectId, npe), "unresolved")).isEqualTo("unresolved");

            Map<String, IssueEvent.Type> expected = new TreeMap<>();
            events.forEach(event -> expected.putIfAbsent(Fingerprinter.group(event).fingerprint() + " NEW_ISSUE",
                    IssueEvent.Type.NEW_ISSUE));
            expected.put(npe + " REGRESSION " + again.eventId(), IssueEvent.Type.REGRESSION);
            assertThat(awaitIssueEvents(issueEventsStart, projectId, expected.size()).keySet())
                    .containsExactlyElementsOf(expected.keySet());
        } finally {
            cancelAndAwaitEnd(job, PROCESSING_TIMEOUT);
        }
    }

    private record ExpectedIssue(String fingerprint, String title, String culprit, String level,
                                 long firstSeen, long lastSeen, long timesSeen, long users, String firstRelease,
                                 String lastRelease, Set<String> environments, String status) {}

    private static List<ExpectedIssue> expectedIssueRows(List<ErrorEvent> events) {
        Map<String, List<ErrorEvent>> byFingerprint = events.stream()
                .collect(Collectors.groupingBy(event -> Fingerprinter.group(event).fingerprint()));
        assertThat(byFingerprint).as("three distinct issues").hasSize(3);
        List<ExpectedIssue> expected = new ArrayList<>();
        byFingerprint.forEach((fingerprint, issueEvents) -> {
            ErrorEvent first = issueEvents.get(0);
            ErrorEvent last = issueEvents.get(issueEvents.size() - 1);
            Grouping grouping = Fingerprinter.group(last);
            expected.add(new ExpectedIssue(fingerprint, grouping.title(), grouping.culprit(), last.level(),
                    first.receivedAt(), last.receivedAt(), issueEvents.size(),
                    issueEvents.stream().filter(e -> e.user() != null).map(e -> e.user().id()).distinct().count(),
                    first.release(), last.release(),
                    issueEvents.stream().map(ErrorEvent::environment).collect(Collectors.toCollection(TreeSet::new)),
                    "unresolved"));
        });
        return expected;
    }

    /** "fingerprint environment minute-as-epoch-seconds" → "events users". */
    private static Map<String, String> expectedMinuteCounts(List<ErrorEvent> events) {
        Map<String, String> expected = new TreeMap<>();
        events.stream().collect(Collectors.groupingBy(event -> Fingerprinter.group(event).fingerprint() + " "
                        + event.environment() + " " + event.receivedAt() / 60_000 * 60))
                .forEach((key, minuteEvents) -> expected.put(key, minuteEvents.size() + " "
                        + minuteEvents.stream().filter(e -> e.user() != null).map(e -> e.user().id()).distinct().count()));
        return expected;
    }

    private static List<ExpectedIssue> issueRows(long projectId) {
        try (Connection connection = LocalServices.postgres();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT fingerprint, title, culprit, level, first_seen, last_seen, times_seen, users,"
                             + " first_release, last_release, environments, status FROM issues WHERE project_id = ?")) {
            query.setLong(1, projectId);
            List<ExpectedIssue> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new ExpectedIssue(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getTimestamp(5).getTime(), result.getTimestamp(6).getTime(),
                            result.getLong(7), result.getLong(8), result.getString(9), result.getString(10),
                            new TreeSet<>(Arrays.asList((String[]) result.getArray(11).getArray())),
                            result.getString(12)));
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("reading issues from PostgreSQL failed", e);
        }
    }

    private static String status(long projectId, String fingerprint) {
        return issueRows(projectId).stream().filter(row -> row.fingerprint().equals(fingerprint))
                .map(ExpectedIssue::status).findFirst().orElse(null);
    }

    private static Map<String, String> minuteCounts(long projectId) {
        Map<String, String> counts = new TreeMap<>();
        for (JsonNode row : clickhouseRows("SELECT fingerprint, environment, toUInt32(time) AS minute_epoch,"
                + " maxMerge(event_count) AS events, uniqCombinedMerge(14)(users) AS users"
                + " FROM " + LocalServices.ADDRESSES.clickhouseDatabase() + ".error_metrics_1m"
                + " WHERE project_id = " + projectId
                + " GROUP BY fingerprint, environment, release, level, time")) {
            counts.put(row.get("fingerprint").asText() + " " + row.get("environment").asText() + " "
                    + row.get("minute_epoch").asLong(), row.get("events").asLong() + " " + row.get("users").asLong());
        }
        return counts;
    }

    /** The project's session counts in all: started exited errored crashed abnormal. */
    private static String sessionCounts(long projectId) {
        List<JsonNode> rows = clickhouseRows("SELECT sum(s) AS started, sum(x) AS exited, sum(e) AS errored,"
                + " sum(c) AS crashed, sum(a) AS abnormal FROM (SELECT maxMerge(started) AS s,"
                + " maxMerge(exited) AS x, maxMerge(errored) AS e, maxMerge(crashed) AS c,"
                + " maxMerge(abnormal) AS a FROM " + LocalServices.ADDRESSES.clickhouseDatabase()
                + ".session_metrics_1m WHERE project_id = " + projectId + " GROUP BY environment, release, time)");
        JsonNode row = rows.get(0);
        return String.join(" ", row.get("started").asText(), row.get("exited").asText(), row.get("errored").asText(),
                row.get("crashed").asText(), row.get("abnormal").asText());
    }

    private static long storedEvents(long projectId) {
        return clickhouseRows("SELECT count() AS n FROM " + LocalServices.ADDRESSES.clickhouseDatabase()
                + ".events FINAL WHERE project_id = " + projectId).get(0).get("n").asLong();
    }

    private static List<JsonNode> clickhouseRows(String sql) {
        try (QueryResponse response = clickhouse.query(sql + " FORMAT JSONEachRow").get(10, TimeUnit.SECONDS)) {
            return ClickHouseClients.jsonEachRow(response);
        } catch (Exception e) {
            throw new IllegalStateException("querying ClickHouse failed: " + sql, e);
        }
    }

    private static byte[] session(long projectId, long now, String sid, boolean init, String status, int errors) {
        return RecordJson.toBytes(SessionRecord.update(projectId, now, "app@1.0.0", "production", now, sid, null, init,
                status, errors, null, now, null));
    }

    private static void produce(String topic, String key, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = LocalServices.kafkaProducer()) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }
    }

    /** The dead letters carrying the marker: the malformed records this test wrote. */
    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(
            Map<TopicPartition, Long> start, String marker, int expected) {
        return new ArrayList<>(LocalServices.awaitRecords(Topics.DEAD_LETTERS, start, expected, PROCESSING_TIMEOUT,
                record -> {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    return value.contains(marker) ? value : null;
                }).values());
    }

    /** The project's lifecycle events as "fingerprint TYPE" (plus the event id of a regression). */
    private static Map<String, IssueEvent> awaitIssueEvents(Map<TopicPartition, Long> start, long projectId,
                                                            int expected) {
        Map<String, IssueEvent> described = new TreeMap<>();
        LocalServices.awaitRecords(Topics.ISSUE_EVENTS, start, expected, PROCESSING_TIMEOUT, record -> {
            IssueEvent event = issueEvent(record.value());
            return event.projectId() == projectId ? event.id() : null;
        }).values().forEach(record -> {
            IssueEvent event = issueEvent(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.issueKey(projectId, event.fingerprint()));
            described.put(event.fingerprint() + " " + event.type()
                    + (event.type() == IssueEvent.Type.REGRESSION ? " " + event.eventId() : ""), event);
        });
        return described;
    }

    private static IssueEvent issueEvent(byte[] json) {
        try {
            return RecordJson.fromBytes(json, IssueEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
