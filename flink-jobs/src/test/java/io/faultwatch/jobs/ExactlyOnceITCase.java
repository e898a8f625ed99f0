package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.exception;
import static io.faultwatch.jobs.TestEvents.frame;
import static io.faultwatch.jobs.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * No event lost and none counted twice across failures, on a MiniCluster against the real services:
 * N events across P projects, K of them SDK retries of an earlier event (same event id, some across
 * the failures), and malformed records. The job fails in the middle of the stream (an injected
 * failure in the ClickHouse events sink) and restarts by its restart strategy from the last
 * checkpoint; later it is cancelled and a new job is started from its last retained checkpoint, as
 * after a lost cluster. Then PostgreSQL's times_seen, ClickHouse's per-minute counts and events, and
 * the dead-letter topic must hold exactly what was sent, once.
 *
 * <p>The dead-letter count assumes no other pipeline job reads these services' topics meanwhile
 * ({@code ./faultwatch test} starts none).
 */
class ExactlyOnceITCase extends PipelineJobITCase {

    private static final int PROJECTS = 3;
    private static final int EVENTS_PER_PROJECT = 200;
    private static final int SLICES = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    /** The events sink fails once, after this many rows: mid-stream, with checkpoints before and after. */
    private static final AtomicInteger ROWS_BEFORE_FAILURE = new AtomicInteger();
    private static final String DB = LocalServices.ADDRESSES.clickhouseDatabase();

    @Test
    void countsEveryEventExactlyOnceAcrossAFailureAndARestoreFromACheckpoint() throws Exception {
        List<Long> projects = LongStream.range(0, PROJECTS).mapToObj(i -> LocalServices.randomProjectId()).toList();
        String marker = UUID.randomUUID().toString();
        List<ErrorEvent> events = distinctEvents(projects);
        int half = events.size() / 2;
        // Retries of events from the first half arrive in both halves, so the second job must remember
        // ids it restored from the first job's checkpoint; retries of second-half events arrive right after.
        List<ErrorEvent> firstRetries = everyTenth(events.subList(0, half));
        List<ErrorEvent> secondRetries = Stream.concat(everyTenth(events.subList(5, half)).stream(),
                everyTenth(events.subList(half, events.size())).stream()).toList();
        List<byte[]> firstMalformed = malformed(marker, 0, 3);
        List<byte[]> secondMalformed = malformed(marker, 3, 2);
        int sent = events.size() + firstRetries.size() + secondRetries.size();
        int retries = firstRetries.size() + secondRetries.size();

        Map<TopicPartition, Long> eventsStart = LocalServices.endOffsets(Topics.EVENTS);
        Map<TopicPartition, Long> deadLettersStart = LocalServices.endOffsets(Topics.DEAD_LETTERS);
        PipelineConfig config = PipelineConfig.fromArgs(new String[] {"--group-id", "fw-eo-it-" + UUID.randomUUID(),
                "--checkpoint-dir", checkpoints.toUri().toString(), "--checkpoint-interval-ms", "500",
                "--checkpoint-min-pause-ms", "0", "--restart-initial-backoff-ms", "200",
                "--parallelism", Integer.toString(PARALLELISM)}, System.getenv());

        ROWS_BEFORE_FAILURE.set(half / 2);
        JobClient first = start(config, eventsStart, null);
        Path firstCheckpoints = checkpoints.resolve(first.getJobID().toString());
        // The failure then restores a real checkpoint, not the start.
        int beforeFailure = awaitCheckpointAfter(firstCheckpoints, 0);
        List<byte[]> firstHalf = new ArrayList<>(json(events.subList(0, half)));
        firstHalf.addAll(json(firstRetries));
        firstHalf.addAll(firstMalformed);
        produceInSlices(firstHalf);
        long firstExpected = half;
        assertThat(await(() -> timesSeen(projects), firstExpected)).isEqualTo(firstExpected);
        assertThat(ROWS_BEFORE_FAILURE.get()).as("the injected failure happened").isNegative();
        awaitCheckpointAfter(firstCheckpoints, beforeFailure);

        // The first records of the second half may be read before the cancel and not checkpointed:
        // the second job reads them again.
        List<byte[]> secondHalf = new ArrayList<>(json(events.subList(half, events.size())));
        secondHalf.addAll(json(secondRetries));
        secondHalf.addAll(secondMalformed);
        produce(secondHalf.subList(0, 20));
        cancelAndAwaitEnd(first, TIMEOUT);
        JobClient second = start(config, eventsStart, checkpoint(firstCheckpoints, lastCheckpoint(firstCheckpoints)));
        try {
            produceInSlices(secondHalf.subList(20, secondHalf.size()));

            long expected = sent - retries;
            assertThat(expected).isEqualTo(events.size());
            assertThat(await(() -> timesSeen(projects), expected)).as("PostgreSQL sum(times_seen)").isEqualTo(expected);
            assertThat(await(() -> minuteCounts(projects), expected)).as("ClickHouse per-minute counts")
                    .isEqualTo(expected);
            assertThat(await(() -> storedEvents(projects), expected)).as("ClickHouse events").isEqualTo(expected);
            assertThat(issues(projects)).as("every issue has its row")
                    .isEqualTo(events.stream().map(e -> e.projectId() + " " + Fingerprinter.group(e).fingerprint())
                            .collect(Collectors.toCollection(TreeSet::new)));
            List<byte[]> allMalformed = Stream.concat(firstMalformed.stream(), secondMalformed.stream()).toList();
            assertThat(deadLetters(deadLettersStart, marker, allMalformed.size()))
                    .as("the dead letters: each malformed record once")
                    .containsExactlyInAnyOrderElementsOf(allMalformed.stream()
                            .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList());
        } finally {
            cancelAndAwaitEnd(second, TIMEOUT);
        }
    }

    /** P projects, each with events of several issues and users, received now. */
    private static List<ErrorEvent> distinctEvents(List<Long> projects) {
        List<ErrorEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_PROJECT; i++) {
            for (long project : projects) {
                long now = System.currentTimeMillis();
                events.add(i % 3 == 0
                        ? message(project, now, "warning", "quota " + (i % 4) + " exceeded")
                        : exception(project, now, "java.lang.IllegalStateException", "card declined",
                                frame("com.acme.billing.Billing", "charge", 100 + i % 5, true)));
            }
        }
        return events;
    }

    /** Every tenth event again, as an SDK retry: the same event id and payload. */
    private static List<ErrorEvent> everyTenth(List<ErrorEvent> events) {
        List<ErrorEvent> picked = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 10) {
            picked.add(events.get(i));
        }
        return picked;
    }

    private static List<byte[]> malformed(String marker, int from, int count) {
        return IntRangeBytes.of(from, count, i -> i % 2 == 0
                ? "not json " + marker + " " + i
                : "{\"eventId\":\"" + marker + "-" + i + "\",\"projectId\":0}");
    }

    /** Malformed records numbered from {@code from}. */
    private interface IntRangeBytes {
        String text(int i);

        static List<byte[]> of(int from, int count, IntRangeBytes text) {
            List<byte[]> records = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                records.add(text.text(i).getBytes(StandardCharsets.UTF_8));
            }
            return records;
        }
    }

    private static List<byte[]> json(List<ErrorEvent> events) {
        return events.stream().map(EventJson::toBytes).toList();
    }

    private JobClient start(PipelineConfig config, Map<TopicPartition, Long> eventsStart, Path restoreFrom)
            throws Exception {
        Configuration conf = config.flinkConfiguration();
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        PipelineEndpoints real = PipelineConnectors.endpoints(config, OffsetsInitializer.offsets(eventsStart),
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.SESSIONS)),
                OffsetsInitializer.offsets(LocalServices.endOffsets(Topics.ISSUE_COMMANDS)));
        ErrorPipelineJob.build(env, real.withEventRows(new FailingOnceSink<>(real.eventRows())), config);
        JobClient job = env.executeAsync("exactly-once-it");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            assertThat(System.nanoTime()).as("the job runs within %s", TIMEOUT).isLessThan(deadline);
            Thread.sleep(100);
        }
        return job;
    }

    /** The number of the newest completed checkpoint of the job, 0 for none. */
    private static int lastCheckpoint(Path jobCheckpoints) throws IOException {
        if (!Files.isDirectory(jobCheckpoints)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(jobCheckpoints)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("chk-"))
                    .filter(dir -> Files.exists(dir.resolve("_metadata")))
                    .mapToInt(dir -> Integer.parseInt(dir.getFileName().toString().substring(4)))
                    .max().orElse(0);
        }
    }

    private static Path checkpoint(Path jobCheckpoints, int number) {
        assertThat(number).as("a completed checkpoint in %s", jobCheckpoints).isPositive();
        return jobCheckpoints.resolve("chk-" + number);
    }

    /** Waits for a checkpoint newer than {@code previous} to complete; returns its number. */
    private static int awaitCheckpointAfter(Path jobCheckpoints, int previous) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int last = lastCheckpoint(jobCheckpoints);
        while (last <= previous && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = lastCheckpoint(jobCheckpoints);
        }
        assertThat(last).as("a checkpoint after %s completed", previous).isGreaterThan(previous);
        return last;
    }

    /** Spread over a few seconds, so checkpoints complete while the records flow. */
    private static void produceInSlices(List<byte[]> records) throws Exception {
        int slice = (records.size() + SLICES - 1) / SLICES;
        for (int from = 0; from < records.size(); from += slice) {
            produce(records.subList(from, Math.min(records.size(), from + slice)));
            Thread.sleep(300);
        }
    }

    /** Keyed by project as the gateway does; a malformed record under a key of its own. */
    private static void produce(List<byte[]> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = LocalServices.kafkaProducer()) {
            for (byte[] record : records) {
                String key;
                try {
                    key = Long.toString(EventJson.fromBytes(record).projectId());
                } catch (IOException | RuntimeException e) {
                    key = "malformed";
                }
                producer.send(new ProducerRecord<>(Topics.EVENTS, key.getBytes(StandardCharsets.UTF_8), record));
            }
            producer.flush();
        }
    }

    private static long await(LongSupplier actual, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long value = actual.getAsLong();
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            value = actual.getAsLong();
        }
        return value;
    }

    private static String inList(List<Long> projects) {
        return projects.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static long timesSeen(List<Long> projects) {
        return pgLong("SELECT coalesce(sum(times_seen), 0) FROM issues WHERE project_id IN " + inList(projects));
    }

    private static Set<String> issues(List<Long> projects) {
        try (Connection pg = LocalServices.postgres(); PreparedStatement query = pg.prepareStatement(
                "SELECT project_id, fingerprint FROM issues WHERE project_id IN " + inList(projects));
             ResultSet result = query.executeQuery()) {
            Set<String> issues = new TreeSet<>();
            while (result.next()) {
                issues.add(result.getLong(1) + " " + result.getString(2));
            }
            return issues;
        } catch (Exception e) {
            throw new IllegalStateException("reading issues from PostgreSQL failed", e);
        }
    }

    private static long pgLong(String sql) {
        try (Connection pg = LocalServices.postgres(); PreparedStatement query = pg.prepareStatement(sql);
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException("querying PostgreSQL failed: " + sql, e);
        }
    }

    private static long minuteCounts(List<Long> projects) {
        return clickhouseLong("SELECT sum(events) AS n FROM (SELECT maxMerge(event_count) AS events FROM " + DB
                + ".error_metrics_1m WHERE project_id IN " + inList(projects)
                + " GROUP BY project_id, fingerprint, environment, release, level, time)");
    }

    private static long storedEvents(List<Long> projects) {
        return clickhouseLong("SELECT count() AS n FROM " + DB + ".events FINAL WHERE project_id IN " + inList(projects));
    }

    private static long clickhouseLong(String sql) {
        try (QueryResponse response = clickhouse.query(sql + " FORMAT JSONEachRow").get(10, TimeUnit.SECONDS)) {
            List<JsonNode> rows = ClickHouseClients.jsonEachRow(response);
            return rows.isEmpty() ? 0 : rows.get(0).get("n").asLong();
        } catch (Exception e) {
            throw new IllegalStateException("querying ClickHouse failed: " + sql, e);
        }
    }

    /**
     * Every committed dead letter carrying the marker, read to the end of the topic once the expected
     * number arrived (or the timeout passed), so a repeat would show.
     */
    private static List<String> deadLetters(Map<TopicPartition, Long> start, String marker, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> letters = readDeadLetters(start, marker);
        while (letters.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            letters = readDeadLetters(start, marker);
        }
        return letters;
    }

    private static List<String> readDeadLetters(Map<TopicPartition, Long> start, String marker) {
        List<String> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = LocalServices.kafkaConsumer(Topics.DEAD_LETTERS,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
            while (start.keySet().stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains(marker)) {
                        letters.add(value);
                    }
                }
            }
        }
        return letters;
    }

    /** Passes rows to the real sink, but fails the job once, after {@link #ROWS_BEFORE_FAILURE} rows. */
    private static final class FailingOnceSink<T> implements Sink<T> {
        private final Sink<T> sink;

        FailingOnceSink(Sink<T> sink) {
            this.sink = sink;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
            SinkWriter<T> writer = sink.createWriter(context);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context writeContext) throws IOException, InterruptedException {
                    if (ROWS_BEFORE_FAILURE.getAndDecrement() == 0) {
                        throw new IllegalStateException("injected failure");
                    }
                    writer.write(element, writeContext);
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    writer.flush(endOfInput);
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}
