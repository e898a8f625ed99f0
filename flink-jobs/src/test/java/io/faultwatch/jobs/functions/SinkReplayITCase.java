package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.EventRowFormat;
import io.faultwatch.jobs.IssueRow;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a restore from a checkpoint does to the idempotent sinks: the job writes again what it wrote
 * after the checkpoint. PostgreSQL issues and ClickHouse events must end as if each row was written once.
 */
class SinkReplayITCase {

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final String DB = LocalServices.ADDRESSES.clickhouseDatabase();

    private static Client clickhouse;

    @BeforeAll
    static void connect() {
        clickhouse = LocalServices.clickhouse();
    }

    @AfterAll
    static void disconnect() {
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    @Test
    void replayedIssueRowsLeaveTheSameAbsoluteValues() throws Exception {
        IssueRow afterCheckpoint = issueRow(3, 2_000);
        IssueRow latest = issueRow(5, 4_000);
        SinkWrites.issues(List.of(afterCheckpoint, latest));
        List<String> once = issueColumns();
        Timestamp writtenOnce = updatedAt();

        // The restored job emits the rows since the checkpoint again, in the same order.
        SinkWrites.issues(List.of(afterCheckpoint, latest));

        assertThat(issueColumns()).isEqualTo(once)
                .singleElement().asString().contains(" 5 ").contains("unresolved");
        assertThat(updatedAt()).as("when the job last wrote the row").isAfter(writtenOnce);
    }

    @Test
    void replayedEventRowsOverwriteInsteadOfAdding() throws Exception {
        long minute = System.currentTimeMillis() / 60_000 * 60_000;
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(eventRow(UUID.randomUUID().toString().replace("-", ""), minute + i * 1_000L));
        }
        SinkWrites.clickHouse(EventRowFormat.INSTANCE, rows);
        SinkWrites.clickHouse(EventRowFormat.INSTANCE, rows.subList(2, 5));

        List<JsonNode> counted = SinkWrites.query(clickhouse,
                "SELECT count() AS events, uniqExact(event_id) AS ids FROM " + DB
                + ".events FINAL WHERE project_id = " + PROJECT);
        assertThat(counted).singleElement().satisfies(row -> {
            assertThat(row.get("events").asLong()).isEqualTo(5);
            assertThat(row.get("ids").asLong()).isEqualTo(5);
        });
    }

    private static IssueRow issueRow(long timesSeen, long lastSeen) {
        return new IssueRow(PROJECT, "fp-replay", "Error: boom", "app.run", "error", 1_000, lastSeen, timesSeen, 2,
                "app@1", "app@1", List.of("production"), IssueStatus.UNRESOLVED, null, null, null, null);
    }

    /** Every row of the project, all columns but updated_at. */
    private static List<String> issueColumns() throws Exception {
        try (Connection pg = LocalServices.postgres(); PreparedStatement query = pg.prepareStatement(
                "SELECT id, fingerprint, title, culprit, level, first_seen, last_seen, times_seen, users,"
                        + " first_release, last_release, environments, status, resolved_at, resolved_in_release,"
                        + " ignore_until, ignore_count, assignee FROM issues WHERE project_id = ?")) {
            query.setLong(1, PROJECT);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= 18; column++) {
                        row.append(result.getString(column)).append(' ');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    private static Timestamp updatedAt() throws Exception {
        try (Connection pg = LocalServices.postgres();
             PreparedStatement query = pg.prepareStatement("SELECT updated_at FROM issues WHERE project_id = ?")) {
            query.setLong(1, PROJECT);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getTimestamp(1);
            }
        }
    }

    private static EventRow eventRow(String eventId, long receivedAt) {
        return new EventRow(PROJECT, eventId, receivedAt, receivedAt, "error", "production", "app@1", "java",
                "host-1", "", "java.lang.IllegalStateException", "boom", "", "fp-replay", "Error: boom", "app.run",
                0, new String[0], new String[0],
                ("{\"eventId\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
