package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.IssueRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * The upsert of an issue row. It sets absolute values, never increments, so writing the same row
 * twice (a replay after a restore) leaves the table as writing it once.
 */
public class IssueUpsert implements JdbcStatementBuilder<IssueRow> {

    public static final String SQL = "INSERT INTO issues"
            + " (project_id, fingerprint, title, culprit, level, first_seen, last_seen, times_seen)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (project_id, fingerprint) DO UPDATE SET"
            + " title = EXCLUDED.title, culprit = EXCLUDED.culprit, level = EXCLUDED.level,"
            + " first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen,"
            + " times_seen = EXCLUDED.times_seen";

    @Override
    public void accept(PreparedStatement statement, IssueRow row) throws SQLException {
        statement.setLong(1, row.projectId());
        statement.setString(2, row.fingerprint());
        statement.setString(3, row.title());
        statement.setString(4, row.culprit());
        statement.setString(5, row.level());
        statement.setObject(6, utc(row.firstSeen()));
        statement.setObject(7, utc(row.lastSeen()));
        statement.setLong(8, row.timesSeen());
    }

    /** An explicit offset, so the instant stored does not depend on the JVM's default time zone. */
    private static OffsetDateTime utc(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
