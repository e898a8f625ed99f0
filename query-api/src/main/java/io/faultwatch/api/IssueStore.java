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

/** All PostgreSQL access of the query API to issues. */
public final class IssueStore {

    private static final String ISSUE_COLUMNS = "id, project_id, fingerprint, title, culprit, level, first_seen,"
            + " last_seen, times_seen, users, first_release, last_release, environments, status, resolved_at,"
            + " resolved_in_release, ignore_until, ignore_count, assignee";
    /**
     * Locks the rows until the status changes are published, so the job's next write of them lands after
     * ours; in id order, so two bulk changes cannot deadlock.
     */
    private static final String LOCK_ISSUES = "SELECT " + ISSUE_COLUMNS
            + " FROM issues WHERE project_id = $1 AND id = ANY($2) ORDER BY id FOR UPDATE";
    private static final String GET_ISSUES = "SELECT " + ISSUE_COLUMNS + " FROM issues WHERE id = ANY($1)";
    private static final String ISSUE_FINGERPRINT = "SELECT fingerprint FROM issues WHERE id = $1 AND project_id = $2";
    private static final String ISSUES_BY_FINGERPRINT = "SELECT " + ISSUE_COLUMNS
            + " FROM issues WHERE project_id = $1 AND fingerprint = ANY($2)";
    private static final String UPDATE_STATUS = "UPDATE issues SET status = $2, resolved_at = $3,"
            + " resolved_in_release = $4, ignore_until = $5, ignore_count = $6 WHERE id = $1";
    private static final String UPDATE_ASSIGNEE = "UPDATE issues SET assignee = $2 WHERE id = $1";
    private static final int POOL_SIZE = 8;

    private final Pool pool;

    public IssueStore(Pool pool) {
        this.pool = pool;
    }

    /** The one PostgreSQL pool of the query API, shared by its stores. */
    public static Pool pool(Vertx vertx, ServiceAddresses services) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE))
                .connectingTo(PgConnectOptions.fromUri(services.postgresUri()))
                .using(vertx)
                .build();
    }

    /**
     * One page of the project's issues that match the query, in its order, plus one more issue when there
     * is a next page (so the caller knows without a count).
     */
    public Future<List<IssueRow>> listIssues(long projectId, IssueQuery query) {
        List<String> where = new ArrayList<>(List.of("project_id = $1"));
        Tuple values = Tuple.of(projectId);
        if (!query.statuses().isEmpty()) {
            values.addArrayOfString(query.statuses().stream().map(IssueStatus::wireName).toArray(String[]::new));
            where.add("status = ANY($" + values.size() + ")");
        }
        addCondition(where, values, "level = $?", query.level());
        addCondition(where, values, "$? = ANY(environments)", query.environment());
        addCondition(where, values, "(first_release = $? OR last_release = $?)", query.release());
        addCondition(where, values, "assignee = $?", query.assignee());
        addCondition(where, values, "first_seen >= $?", utc(query.firstSeenSince()));
        addCondition(where, values, "first_seen < $?", utc(query.firstSeenUntil()));
        addCondition(where, values, "last_seen >= $?", utc(query.lastSeenSince()));
        addCondition(where, values, "last_seen < $?", utc(query.lastSeenUntil()));
        // strpos, not LIKE: the text is matched as typed, % and _ included.
        addCondition(where, values,
                "(strpos(lower(title), lower($?)) > 0 OR strpos(lower(coalesce(culprit, '')), lower($?)) > 0)",
                query.text());
        String column = query.sort().column();
        if (query.after() != null) {
            Object value = query.after().columnValue();
            values.addValue(value instanceof Instant instant ? utc(instant) : value);
            values.addLong(query.after().id());
            where.add("(" + column + ", id) < ($" + (values.size() - 1) + ", $" + values.size() + ")");
        }
        values.addInteger(query.limit() + 1);
        String sql = "SELECT " + ISSUE_COLUMNS + " FROM issues WHERE " + String.join(" AND ", where)
                + " ORDER BY " + column + " DESC, id DESC LIMIT $" + values.size();
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            List<IssueRow> issues = new ArrayList<>(rows.size());
            rows.forEach(row -> issues.add(toIssue(row)));
            return issues;
        });
    }

    /** Adds {@code condition} with its {@code $?} placeholders bound to {@code value}, unless the value is null. */
    private static void addCondition(List<String> where, Tuple values, String condition, Object value) {
        if (value == null) {
            return;
        }
        values.addValue(value);
        where.add(condition.replace("$?", "$" + values.size()));
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
     * Applies a user's change to issues of a project in one transaction that commits only once {@code publish}
     * (the status command for the pipeline job) succeeded for each: if one fails, nothing changed. The rows
     * stay locked meanwhile, so the job's upserts for the commands wait and land after this write, and
     * PostgreSQL ends at the job's view of the status.
     *
     * @param field where the request named the issues, for the 404 when one is not the project's
     * @param now   the time of the change: when a resolution takes effect
     * @return the issues as changed, in the order of {@code issueIds}
     */
    public Future<List<IssueRow>> updateIssues(long projectId, List<Long> issueIds, String field, IssueUpdate update,
                                               Instant now, Function<IssueRow, Future<Void>> publish) {
        Long[] ids = issueIds.toArray(Long[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_ISSUES)
                .execute(Tuple.of(projectId).addArrayOfLong(ids))
                .compose(rows -> {
                    Map<Long, IssueRow> locked = new HashMap<>();
                    rows.forEach(row -> locked.put(row.getLong("id"), toIssue(row)));
                    Future<Void> done = Future.succeededFuture();
                    for (long id : issueIds) {
                        IssueRow issue = locked.get(id);
                        if (issue == null) {
                            return Future.failedFuture(unknownIssue(field, projectId, id));
                        }
                        done = done.compose(ignored -> updateIssue(connection, issue, update, now));
                    }
                    return done;
                })
                .compose(ignored -> connection.preparedQuery(GET_ISSUES).execute(Tuple.tuple().addArrayOfLong(ids)))
                .map(rows -> {
                    Map<Long, IssueRow> changed = new HashMap<>();
                    rows.forEach(row -> changed.put(row.getLong("id"), toIssue(row)));
                    return issueIds.stream().map(changed::get).toList();
                })
                .compose(changed -> Future.all(changed.stream().map(publish).toList()).map(changed)));
    }

    private static Future<Void> updateIssue(SqlConnection connection, IssueRow issue, IssueUpdate update, Instant now) {
        return updateStatus(connection, issue, update, now)
                .compose(ignored -> !update.assigneeGiven() ? Future.<Void>succeededFuture()
                        : connection.preparedQuery(UPDATE_ASSIGNEE).execute(Tuple.of(issue.id(), update.assignee()))
                                .<Void>mapEmpty());
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

}
