package io.faultwatch.api;

import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.ServiceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** All PostgreSQL access of the query API. */
public final class IssueStore implements AutoCloseable {

    private static final String PROJECT_EXISTS = "SELECT 1 FROM projects WHERE id = $1";
    private static final String ISSUE_COLUMNS = "id, project_id, fingerprint, title, culprit, level, first_seen,"
            + " last_seen, times_seen, users, first_release, last_release, environments, status, resolved_at,"
            + " resolved_in_release, ignore_until, ignore_count, assignee";
    private static final String LIST_ISSUES = "SELECT " + ISSUE_COLUMNS + """
             FROM issues
            WHERE project_id = $1
            ORDER BY last_seen DESC, id DESC
            LIMIT $2""";
    /** Locks the row until the status change is published, so the job's next write of it lands after ours. */
    private static final String LOCK_ISSUE = "SELECT " + ISSUE_COLUMNS
            + " FROM issues WHERE id = $1 AND project_id = $2 FOR UPDATE";
    private static final String GET_ISSUE = "SELECT " + ISSUE_COLUMNS + " FROM issues WHERE id = $1";
    private static final String ISSUE_FINGERPRINT = "SELECT fingerprint FROM issues WHERE id = $1 AND project_id = $2";
    private static final String ISSUES_BY_FINGERPRINT = "SELECT " + ISSUE_COLUMNS
            + " FROM issues WHERE project_id = $1 AND fingerprint = ANY($2)";
    private static final String UPDATE_STATUS = "UPDATE issues SET status = $2, resolved_at = $3,"
            + " resolved_in_release = $4, ignore_until = $5, ignore_count = $6 WHERE id = $1";
    private static final String UPDATE_ASSIGNEE = "UPDATE issues SET assignee = $2 WHERE id = $1";
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

    /** The fingerprint of one of the project's issues; fails with 404 when the project has no such issue. */
    public Future<String> fingerprint(long projectId, long issueId, String field) {
        return pool.preparedQuery(ISSUE_FINGERPRINT)
                .execute(Tuple.of(issueId, projectId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(unknownIssue(field, projectId, issueId))
                        : Future.succeededFuture(rows.iterator().next().getString("fingerprint")));
    }

    /** The project's issues with these fingerprints, by fingerprint; unknown ones are left out. */
    public Future<Map<String, IssueRow>> issuesByFingerprint(long projectId, List<String> fingerprints) {
        return pool.preparedQuery(ISSUES_BY_FINGERPRINT)
                .execute(Tuple.of(projectId).addArrayOfString(fingerprints.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, IssueRow> issues = new HashMap<>();
                    rows.forEach(row -> issues.put(row.getString("fingerprint"), toIssue(row)));
                    return issues;
                });
    }

    /**
     * Applies a user's change to an issue in one transaction that commits only once {@code publish} (the
     * status command for the pipeline job) succeeded: if it fails, nothing changed. The row stays locked
     * meanwhile, so the job's upsert for the command waits and lands after this write, and PostgreSQL
     * ends at the job's view of the status.
     *
     * @param now the time of the change: when a resolution takes effect
     * @return the issue as changed
     */
    public Future<IssueRow> updateIssue(long projectId, long issueId, IssueUpdate update, Instant now,
                                        Function<IssueRow, Future<Void>> publish) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_ISSUE)
                .execute(Tuple.of(issueId, projectId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(unknownIssue("issue_id", projectId, issueId))
                        : Future.succeededFuture(toIssue(rows.iterator().next())))
                .compose(issue -> updateStatus(connection, issue, update, now))
                .compose(ignored -> !update.assigneeGiven() ? Future.<Void>succeededFuture()
                        : connection.preparedQuery(UPDATE_ASSIGNEE).execute(Tuple.of(issueId, update.assignee()))
                                .<Void>mapEmpty())
                .compose(ignored -> connection.preparedQuery(GET_ISSUE).execute(Tuple.of(issueId)))
                .map(rows -> toIssue(rows.iterator().next()))
                .compose(changed -> publish.apply(changed).map(changed)));
    }

    /** An issue of another project is as unknown as a missing one. */
    private static ApiException unknownIssue(String field, long projectId, long issueId) {
        return ApiException.notFound(field, "issue " + issueId + " does not exist in project " + projectId);
    }

    private static Future<Void> updateStatus(SqlConnection connection, IssueRow issue, IssueUpdate update, Instant now) {
        IssueStatus status = update.status();
        if (status == null) {
            return Future.succeededFuture();
        }
        if (status == IssueStatus.RESOLVED_IN_NEXT_RELEASE && issue.lastRelease() == null) {
            return Future.failedFuture(ApiException.invalidParameter("status", "issue " + issue.id()
                    + " has no release to resolve it after; resolve it instead"));
        }
        boolean resolved = status == IssueStatus.RESOLVED || status == IssueStatus.RESOLVED_IN_NEXT_RELEASE;
        // The job computes the same from its state when it applies the command, and writes it again.
        Tuple values = Tuple.of(issue.id(), status.wireName(), resolved ? utc(now) : null,
                status == IssueStatus.RESOLVED_IN_NEXT_RELEASE ? issue.lastRelease() : null,
                utc(update.ignoreUntil()), update.ignoreCount());
        return connection.preparedQuery(UPDATE_STATUS).execute(values).mapEmpty();
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
                instant(row.getOffsetDateTime("first_seen")),
                instant(row.getOffsetDateTime("last_seen")),
                row.getLong("times_seen"),
                row.getLong("users"),
                row.getString("first_release"),
                row.getString("last_release"),
                Arrays.asList(row.getArrayOfStrings("environments")),
                IssueStatus.fromWireName(row.getString("status")),
                instant(row.getOffsetDateTime("resolved_at")),
                row.getString("resolved_in_release"),
                instant(row.getOffsetDateTime("ignore_until")),
                row.getLong("ignore_count"),
                row.getString("assignee"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        pool.close();
    }
}
