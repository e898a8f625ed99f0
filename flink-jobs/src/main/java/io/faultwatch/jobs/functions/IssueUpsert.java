package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.IssueRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The upsert of an issue row. It sets absolute values, never increments, so writing the same row
 * twice (a replay after a restore) leaves the table as writing it once, but for {@code updated_at},
 * which says when the job last wrote the row. It writes only the columns the job owns:
 * {@code assignee} belongs to the query API and is never named here.
 */
public class IssueUpsert {

    public static final String SQL = "INSERT INTO issues"
            + " (project_id, fingerprint, title, culprit, level, first_seen, last_seen, times_seen, users,"
            + " first_release, last_release, environments, status, resolved_at, resolved_in_release,"
            + " ignore_until, ignore_count, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
            + " ON CONFLICT (project_id, fingerprint) DO UPDATE SET"
            + " title = EXCLUDED.title, culprit = EXCLUDED.culprit, level = EXCLUDED.level,"
            + " first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen,"
            + " times_seen = EXCLUDED.times_seen, users = EXCLUDED.users,"
            + " first_release = EXCLUDED.first_release, last_release = EXCLUDED.last_release,"
            + " environments = EXCLUDED.environments, status = EXCLUDED.status,"
            + " resolved_at = EXCLUDED.resolved_at, resolved_in_release = EXCLUDED.resolved_in_release,"
            + " ignore_until = EXCLUDED.ignore_until, ignore_count = EXCLUDED.ignore_count,"
            + " updated_at = EXCLUDED.updated_at";

    /** Binds the row to the parameters of {@link #SQL}. */
    public void accept(PreparedStatement statement, IssueRow row) throws SQLException {
        statement.setLong(1, row.projectId());
        statement.setString(2, row.fingerprint());
        statement.setString(3, row.title());
        statement.setString(4, row.culprit());
        statement.setString(5, row.level());
        statement.setObject(6, utc(row.firstSeen()));
        statement.setObject(7, utc(row.lastSeen()));
        statement.setLong(8, row.timesSeen());
        statement.setLong(9, row.users());
        statement.setString(10, row.firstRelease());
        statement.setString(11, row.lastRelease());
        statement.setArray(12, statement.getConnection().createArrayOf("text", row.environments().toArray()));
        statement.setString(13, row.status().wireName());
        statement.setObject(14, utc(row.resolvedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(15, row.resolvedInRelease());
        statement.setObject(16, utc(row.ignoreUntil()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(17, row.ignoreCount(), Types.BIGINT);
    }

    /** An explicit offset, so the instant stored does not depend on the JVM's default time zone. */
    private static OffsetDateTime utc(Long epochMillis) {
        return epochMillis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
