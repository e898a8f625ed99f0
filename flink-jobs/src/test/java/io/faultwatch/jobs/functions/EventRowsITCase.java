package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.EventRowFormat;
import io.faultwatch.testing.LocalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every column of ClickHouse {@code events} as the writer sends it in RowBinary and the real server
 * stores it: values that would need escaping in text formats, non-ASCII text, empty and long values, and
 * the project's event retention stamped on the row.
 */
class EventRowsITCase {

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final String DB = LocalServices.ADDRESSES.clickhouseDatabase();

    private static Client clickhouse;

    @BeforeAll
    static void setUp() throws Exception {
        clickhouse = LocalServices.clickhouse();
        SinkWrites.createProject(PROJECT, "events_retention_days", 14);
    }

    @AfterAll
    static void tearDown() throws Exception {
        SinkWrites.deleteProject(PROJECT);
        clickhouse.close();
    }

    @Test
    void everyColumnIsStoredAsWritten() throws Exception {
        String payload = "{\"message\":\"quote \\\" tab \\t newline \\n ✓\",\"pad\":\"" + "x".repeat(5_000) + "\"}";
        EventRow tricky = new EventRow(PROJECT, "e-1", 1_795_000_020_123L, -5, "fatal", "prod'uction", "app@1.0+ü",
                "java", "host\t1", "GET /users/{id}", "java.lang.IllegalStateException", "x'); DROP TABLE events; --",
                "line 1\nline 2\\", "f1", "IllegalStateException: ✓ done", "com.acme.Foo.run", 42,
                new String[] {"region", "service"}, new String[] {"eu \"west\"", ""},
                payload.getBytes(StandardCharsets.UTF_8));
        EventRow plain = new EventRow(PROJECT, "e-2", 1_795_000_021_000L, 1_795_000_020_000L, "error", "", "", "", "",
                "", "", "", "", "f2", "", "", 0, new String[0], new String[0], "{}".getBytes(StandardCharsets.UTF_8));

        SinkWrites.clickHouse(EventRowFormat.INSTANCE, List.of(tricky, plain));

        List<JsonNode> rows = SinkWrites.query(clickhouse, "SELECT *, toUInt32(received_at) AS received_epoch FROM " + DB + ".events FINAL"
                + " WHERE project_id = " + PROJECT + " ORDER BY event_id");
        assertThat(rows).hasSize(2);
        JsonNode first = rows.get(0);
        assertThat(first.get("event_id").asText()).isEqualTo("e-1");
        assertThat(first.get("received_epoch").asLong()).isEqualTo(1_795_000_020L);
        assertThat(first.get("received_at_ms").asLong()).isEqualTo(1_795_000_020_123L);
        assertThat(first.get("timestamp_ms").asLong()).as("before 1970 counts as 0").isZero();
        assertThat(first.get("level").asText()).isEqualTo("fatal");
        assertThat(first.get("environment").asText()).isEqualTo("prod'uction");
        assertThat(first.get("release").asText()).isEqualTo("app@1.0+ü");
        assertThat(first.get("platform").asText()).isEqualTo("java");
        assertThat(first.get("server_name").asText()).isEqualTo("host\t1");
        assertThat(first.get("transaction").asText()).isEqualTo("GET /users/{id}");
        assertThat(first.get("error_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(first.get("error_value").asText()).isEqualTo("x'); DROP TABLE events; --");
        assertThat(first.get("message").asText()).isEqualTo("line 1\nline 2\\");
        assertThat(first.get("fingerprint").asText()).isEqualTo("f1");
        assertThat(first.get("title").asText()).isEqualTo("IllegalStateException: ✓ done");
        assertThat(first.get("culprit").asText()).isEqualTo("com.acme.Foo.run");
        assertThat(first.get("user_hash").asLong()).isEqualTo(42);
        assertThat(first.get("tag_keys").toString()).isEqualTo("[\"region\",\"service\"]");
        assertThat(first.get("tag_values").toString()).isEqualTo("[\"eu \\\"west\\\"\",\"\"]");
        assertThat(first.get("payload").asText()).isEqualTo(payload);
        assertThat(first.get("retention_days").asInt()).as("the project's event retention").isEqualTo(14);

        JsonNode second = rows.get(1);
        assertThat(second.get("event_id").asText()).isEqualTo("e-2");
        assertThat(second.get("timestamp_ms").asLong()).isEqualTo(1_795_000_020_000L);
        assertThat(second.get("environment").asText()).isEmpty();
        assertThat(second.get("tag_keys").size()).isZero();
        assertThat(second.get("payload").asText()).isEqualTo("{}");
    }

    @Test
    void aBatchGoesOutWhenItHoldsMaxBytesAndTheRestAtTheCheckpoint() throws Exception {
        long project = LocalServices.randomProjectId();
        SinkWrites.createProject(project, "events_retention_days", 14);
        SimpleCounter sent = new SimpleCounter();
        TestProcessingTimeService time = new TestProcessingTimeService();
        try (AppendingClickHouseWriter<EventRow> writer = new AppendingClickHouseWriter<>(LocalServices.ADDRESSES,
                EventRowFormat.INSTANCE, 1_500, time, sent)) {
            for (int i = 1; i <= 3; i++) {
                writer.write(new EventRow(project, "e-" + i, 1_795_000_020_000L + i, 0, "error", "", "", "", "", "",
                        "", "", "", "f", "", "", 0, new String[0], new String[0],
                        "x".repeat(1_000).getBytes(StandardCharsets.UTF_8)), null);
            }
            assertThat(sent.getCount()).as("the second row filled the batch").isEqualTo(2);
            assertThat(count(project)).isEqualTo(2);

            writer.flush(false);
            assertThat(sent.getCount()).isEqualTo(3);
            assertThat(count(project)).isEqualTo(3);
        } finally {
            SinkWrites.deleteProject(project);
        }
    }

    /** A batch of many chunks goes out whole, from a file that no one else sees, and only once. */
    @Test
    void aBatchIsStagedInAnUnlinkedFileAndSentOnce() throws Exception {
        long project = LocalServices.randomProjectId();
        SinkWrites.createProject(project, "events_retention_days", 14);
        SimpleCounter sent = new SimpleCounter();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> stagedBefore = stagingFiles(tmp);
        try (AppendingClickHouseWriter<EventRow> writer = new AppendingClickHouseWriter<>(LocalServices.ADDRESSES,
                EventRowFormat.INSTANCE, AppendingClickHouseWriter.MAX_BATCH_BYTES, new TestProcessingTimeService(),
                sent)) {
            assertThat(stagingFiles(tmp)).as("unlinked as soon as it is open").isEqualTo(stagedBefore);
            byte[] payload = "p".repeat(4_000).getBytes(StandardCharsets.UTF_8);
            int rows = 1_000; // about 4 MB: several chunks of a megabyte
            for (int i = 0; i < rows; i++) {
                writer.write(eventRow(project, "e-" + i, payload), null);
            }
            assertThat(count(project)).as("held until the batch is sent").isZero();

            writer.flush(false);
            assertThat(sent.getCount()).isEqualTo(rows);
            assertThat(count(project)).isEqualTo(rows);
            assertThat(SinkWrites.query(clickhouse, "SELECT sum(length(payload)) AS n FROM " + DB
                    + ".events WHERE project_id = " + project).get(0).get("n").asLong())
                    .isEqualTo((long) rows * payload.length);

            writer.write(eventRow(project, "last", payload), null);
            writer.flush(false);
            assertThat(count(project)).as("the next batch holds only its own row").isEqualTo(rows + 1);
        } finally {
            SinkWrites.deleteProject(project);
        }
    }

    private static EventRow eventRow(long project, String eventId, byte[] payload) {
        return new EventRow(project, eventId, 1_795_000_020_000L, 0, "error", "", "", "", "", "", "", "", "", "f", "",
                "", 0, new String[0], new String[0], payload);
    }

    private static List<Path> stagingFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("faultwatch-events-"))
                    .sorted().toList();
        }
    }

    private static long count(long project) throws Exception {
        return SinkWrites.query(clickhouse, "SELECT count() AS n FROM " + DB + ".events WHERE project_id = " + project)
                .get(0).get("n").asLong();
    }
}
