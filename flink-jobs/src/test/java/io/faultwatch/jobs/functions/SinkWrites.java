package io.faultwatch.jobs.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.jobs.IssueRow;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.testing.LocalServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;

/**
 * For the ITCases of the sinks: rows written through the job's own writers into the real services, one
 * batch per call (as between two checkpoints), the projects whose retentions the writers stamp, and
 * ClickHouse answers read back.
 */
final class SinkWrites {

    private SinkWrites() {}

    static <T> void clickHouse(RowFormat<T> format, List<T> rows) throws Exception {
        batch(ClickHouseSink.writer(LocalServices.ADDRESSES, format, new TestProcessingTimeService(),
                new SimpleCounter()), rows);
    }

    static void issues(List<IssueRow> rows) throws Exception {
        batch(new IssueWriter(LocalServices.ADDRESSES, 100, 200, new TestProcessingTimeService(), new SimpleCounter()),
                rows);
    }

    private static <T> void batch(BatchingWriter<T> writer, List<T> rows) throws Exception {
        try {
            for (T row : rows) {
                writer.write(row, null);
            }
            writer.flush(false);
        } finally {
            writer.close();
        }
    }

    /** @param retentionColumn {@code metrics_retention_days} or {@code events_retention_days} */
    static void createProject(long id, String retentionColumn, int days) throws Exception {
        try (Connection pg = LocalServices.postgres();
             PreparedStatement insert = pg.prepareStatement("INSERT INTO projects (id, slug, name, " + retentionColumn
                     + ") VALUES (?, ?, 'Sink IT', ?)")) {
            insert.setLong(1, id);
            insert.setString(2, "sink-it-" + id);
            insert.setInt(3, days);
            insert.executeUpdate();
        }
    }

    static void deleteProject(long id) throws Exception {
        try (Connection pg = LocalServices.postgres();
             PreparedStatement delete = pg.prepareStatement("DELETE FROM projects WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }

    static List<JsonNode> query(Client clickhouse, String sql) throws Exception {
        try (QueryResponse response = clickhouse.query(sql + " FORMAT JSONEachRow").get(10, TimeUnit.SECONDS)) {
            return ClickHouseClients.jsonEachRow(response);
        }
    }
}
