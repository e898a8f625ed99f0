package io.faultwatch.api;

import io.faultwatch.model.ServiceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** All PostgreSQL access of the query API. */
public final class IssueStore implements AutoCloseable {

    private static final String PROJECT_EXISTS = "SELECT 1 FROM projects WHERE id = $1";
    private static final String LIST_ISSUES = """
            SELECT id, project_id, fingerprint, title, culprit, level, first_seen, last_seen, times_seen
            FROM issues
            WHERE project_id = $1
            ORDER BY last_seen DESC, id DESC
            LIMIT $2""";
    private static final String PING = "SELECT 1";
    private static final int POOL_SIZE = 8;

    private final Pool pool;

    private IssueStore(Pool pool) {
        this.pool = pool;
    }

    public static IssueStore create(Vertx vertx, ServiceAddresses services) {
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE))
                .connectingTo(PgConnectOptions.fromUri(services.postgresUri()))
                .using(vertx)
                .build();
        return new IssueStore(pool);
    }

    public Future<Boolean> projectExists(long projectId) {
        return pool.preparedQuery(PROJECT_EXISTS)
                .execute(Tuple.of(projectId))
                .map(rows -> rows.size() > 0);
    }

    /** The project's issues, most recently seen first. */
    public Future<List<IssueRow>> listIssues(long projectId, int limit) {
        return pool.preparedQuery(LIST_ISSUES)
                .execute(Tuple.of(projectId, limit))
                .map(rows -> {
                    List<IssueRow> issues = new ArrayList<>(rows.size());
                    rows.forEach(row -> issues.add(toIssue(row)));
                    return issues;
                });
    }

    public Future<Void> ping() {
        return pool.query(PING).execute().mapEmpty();
    }

    private static IssueRow toIssue(Row row) {
        return new IssueRow(
                row.getLong("id"),
                row.getLong("project_id"),
                row.getString("fingerprint"),
                row.getString("title"),
                row.getString("culprit"),
                row.getString("level"),
                row.getOffsetDateTime("first_seen").toInstant(),
                row.getOffsetDateTime("last_seen").toInstant(),
                row.getLong("times_seen"));
    }

    @Override
    public void close() {
        pool.close();
    }
}
