package io.faultwatch.api;

import io.faultwatch.api.TenantRows.Key;
import io.faultwatch.api.TenantRows.NewToken;
import io.faultwatch.api.TenantRows.Organization;
import io.faultwatch.api.TenantRows.Project;
import io.faultwatch.api.TenantRows.Token;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * All PostgreSQL access for tenancy: organizations, their projects with settings and DSN keys, and their
 * API tokens. Every lookup of a project's things is narrowed to the project, and every token operation
 * to the organization, so an id from elsewhere is as unknown as a missing one.
 */
public final class TenantStore {

    /** The organization migration V5 created for the projects that existed before organizations. */
    public static final long DEFAULT_ORGANIZATION = 1;

    private static final String ORGANIZATION_COLUMNS = "id, slug, name, created_at";
    private static final String PROJECT_COLUMNS = "id, organization_id, slug, name, created_at, rate_limit_per_minute,"
            + " scrub_data, store_user_ip, sample_rate, metrics_retention_days, events_retention_days";
    private static final String KEY_COLUMNS = "public_key, project_id, is_active, created_at";
    private static final String TOKEN_COLUMNS = "id, organization_id, name, scopes, token_prefix, created_at,"
            + " last_used_at, revoked_at";

    /**
     * The caller behind a token hash, noting when it was last used: at most once a minute, so reads do
     * not turn into a write each.
     */
    private static final String AUTHENTICATE = """
            WITH token AS (
                SELECT id, organization_id, scopes, last_used_at FROM api_tokens
                 WHERE token_hash = $1 AND revoked_at IS NULL),
            touched AS (
                UPDATE api_tokens SET last_used_at = now()
                 WHERE id IN (SELECT id FROM token
                               WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
            SELECT id, organization_id, scopes FROM token""";
    private static final String PROJECT_ORGANIZATION = "SELECT organization_id FROM projects WHERE id = $1";
    private static final String ORGANIZATION = "SELECT " + ORGANIZATION_COLUMNS + " FROM organizations WHERE id = $1";
    private static final String INSERT_ORGANIZATION = "INSERT INTO organizations (slug, name) VALUES ($1, $2)"
            + " RETURNING " + ORGANIZATION_COLUMNS;
    private static final String PROJECTS = "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE organization_id = $1"
            + " ORDER BY id";
    private static final String PROJECT_IDS = "SELECT id FROM projects WHERE organization_id = $1";
    private static final String PROJECT = "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE id = $1";
    private static final String LOCK_PROJECT = PROJECT + " FOR UPDATE";
    private static final String INSERT_PROJECT = "INSERT INTO projects (organization_id, slug, name,"
            + " rate_limit_per_minute, scrub_data, store_user_ip, sample_rate, metrics_retention_days,"
            + " events_retention_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + PROJECT_COLUMNS;
    private static final String UPDATE_SETTINGS = "UPDATE projects SET rate_limit_per_minute = $2, scrub_data = $3,"
            + " store_user_ip = $4, sample_rate = $5, metrics_retention_days = $6, events_retention_days = $7"
            + " WHERE id = $1 RETURNING " + PROJECT_COLUMNS;
    private static final String KEYS = "SELECT " + KEY_COLUMNS + " FROM project_keys WHERE project_id = $1"
            + " ORDER BY created_at, public_key";
    private static final String INSERT_KEY = "INSERT INTO project_keys (public_key, project_id) VALUES ($1, $2)"
            + " RETURNING " + KEY_COLUMNS;
    private static final String SET_KEY_ACTIVE = "UPDATE project_keys SET is_active = $3"
            + " WHERE public_key = $1 AND project_id = $2 RETURNING " + KEY_COLUMNS;
    private static final String TOKENS = "SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE organization_id = $1"
            + " ORDER BY id";
    private static final String INSERT_TOKEN = "INSERT INTO api_tokens (organization_id, name, scopes, token_hash,"
            + " token_prefix) VALUES ($1, $2, $3, $4, $5) RETURNING " + TOKEN_COLUMNS;
    private static final String REVOKE_TOKEN = "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now())"
            + " WHERE id = $1 AND organization_id = $2 RETURNING " + TOKEN_COLUMNS;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An organization just created, with its first admin token. */
    public record NewOrganization(Organization organization, NewToken token) {
        public long id() {
            return organization.id();
        }

        public String secret() {
            return token.secret();
        }
    }

    /** A project just created, with its first DSN key. */
    record NewProject(Project project, Key key) {}

    private final Pool pool;

    public TenantStore(Pool pool) {
        this.pool = pool;
    }

    /** The token's caller; fails with 401 when the token is unknown or revoked. */
    Future<Caller> authenticate(String token) {
        return pool.preparedQuery(AUTHENTICATE).execute(Tuple.of(ApiTokens.hash(token))).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(ApiException.unauthorized("the token is unknown or revoked"));
            }
            Row row = rows.iterator().next();
            return Future.succeededFuture(new Caller(row.getLong("id"), row.getLong("organization_id"),
                    EnumSet.copyOf(scopes(row))));
        });
    }

    /** The organization a project belongs to, or null when there is no such project. */
    Future<Long> projectOrganization(long projectId) {
        return pool.preparedQuery(PROJECT_ORGANIZATION).execute(Tuple.of(projectId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("organization_id"));
    }

    Future<Organization> organization(long organizationId) {
        return pool.preparedQuery(ORGANIZATION).execute(Tuple.of(organizationId))
                .map(rows -> organization(rows.iterator().next()));
    }

    /** A new organization and its first admin token, together or not at all. */
    public Future<NewOrganization> createOrganization(String slug, String name, String tokenName) {
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_ORGANIZATION)
                        .execute(Tuple.of(slug, name))
                        .map(rows -> organization(rows.iterator().next()))
                        .compose(organization -> insertToken(connection, organization.id(), tokenName, Set.of(Scope.ADMIN))
                                .map(token -> new NewOrganization(organization, token))))
                .recover(e -> conflict(e, "slug", "an organization with slug '" + slug + "' exists already"));
    }

    Future<List<Project>> projects(long organizationId) {
        return pool.preparedQuery(PROJECTS).execute(Tuple.of(organizationId)).map(rows -> map(rows, TenantStore::project));
    }

    /** The ids of the organization's projects. */
    Future<List<Long>> projectIds(long organizationId) {
        return pool.preparedQuery(PROJECT_IDS).execute(Tuple.of(organizationId)).map(rows -> map(rows, row -> row.getLong("id")));
    }

    Future<Project> project(long projectId) {
        return pool.preparedQuery(PROJECT).execute(Tuple.of(projectId)).map(rows -> project(rows.iterator().next()));
    }

    /** A project with one active DSN key, together or not at all. */
    Future<NewProject> createProject(long organizationId, String slug, String name, ProjectSettings settings) {
        Tuple values = Tuple.of(organizationId, slug, name, settings.rateLimitPerMinute(), settings.scrubData(),
                        settings.storeUserIp(), settings.sampleRate())
                .addInteger(settings.metricsRetentionDays()).addInteger(settings.eventsRetentionDays());
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_PROJECT).execute(values)
                        .map(rows -> project(rows.iterator().next()))
                        .compose(project -> insertKey(connection, project.id()).map(key -> new NewProject(project, key))))
                .recover(e -> conflict(e, "slug", "the organization has a project with slug '" + slug + "' already"));
    }

    /** Changes a project's settings under a row lock, so two concurrent changes cannot undo each other's fields. */
    Future<Project> updateSettings(long projectId, Function<ProjectSettings, ProjectSettings> change) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_PROJECT).execute(Tuple.of(projectId))
                .map(rows -> change.apply(project(rows.iterator().next()).settings()))
                .compose(settings -> connection.preparedQuery(UPDATE_SETTINGS).execute(Tuple.of(projectId,
                                settings.rateLimitPerMinute(), settings.scrubData(), settings.storeUserIp(),
                                settings.sampleRate(), settings.metricsRetentionDays())
                        .addInteger(settings.eventsRetentionDays())))
                .map(rows -> project(rows.iterator().next())));
    }

    Future<List<Key>> keys(long projectId) {
        return pool.preparedQuery(KEYS).execute(Tuple.of(projectId)).map(rows -> map(rows, TenantStore::key));
    }

    Future<Key> createKey(long projectId) {
        return insertKey(pool, projectId);
    }

    /** Enables or disables one of the project's keys; 404 when the project has no such key. */
    Future<Key> setKeyActive(long projectId, String publicKey, boolean active) {
        return setKeyActive(pool, projectId, publicKey, active);
    }

    /** Disables the key and creates its replacement, together or not at all; answers the new key. */
    Future<Key> rotateKey(long projectId, String publicKey) {
        return pool.withTransaction(connection -> setKeyActive(connection, projectId, publicKey, false)
                .compose(old -> insertKey(connection, projectId)));
    }

    Future<List<Token>> tokens(long organizationId) {
        return pool.preparedQuery(TOKENS).execute(Tuple.of(organizationId)).map(rows -> map(rows, TenantStore::token));
    }

    public Future<NewToken> createToken(long organizationId, String name, Set<Scope> scopes) {
        return insertToken(pool, organizationId, name, scopes);
    }

    /** Revokes one of the organization's tokens (again is fine); 404 when it has no such token. */
    public Future<Token> revokeToken(long organizationId, long tokenId) {
        return pool.preparedQuery(REVOKE_TOKEN).execute(Tuple.of(tokenId, organizationId)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(ApiException.notFound("token_id", "token " + tokenId + " does not exist"))
                : Future.succeededFuture(token(rows.iterator().next())));
    }

    private static Future<Key> insertKey(SqlClient client, long projectId) {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return client.preparedQuery(INSERT_KEY).execute(Tuple.of(HexFormat.of().formatHex(key), projectId))
                .map(rows -> key(rows.iterator().next()));
    }

    private static Future<Key> setKeyActive(SqlClient client, long projectId, String publicKey, boolean active) {
        return client.preparedQuery(SET_KEY_ACTIVE).execute(Tuple.of(publicKey, projectId, active))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(ApiException.notFound("public_key", "key " + RequestParams.echo(publicKey)
                                + " does not exist in project " + projectId))
                        : Future.succeededFuture(key(rows.iterator().next())));
    }

    private static Future<NewToken> insertToken(SqlClient client, long organizationId, String name, Set<Scope> scopes) {
        String secret = ApiTokens.generate();
        String[] scopeNames = scopes.stream().sorted().map(Scope::wireName).toArray(String[]::new);
        return client.preparedQuery(INSERT_TOKEN)
                .execute(Tuple.of(organizationId, name, scopeNames, ApiTokens.hash(secret), ApiTokens.shownPrefix(secret)))
                .map(rows -> new NewToken(token(rows.iterator().next()), secret));
    }

    private static <T> Future<T> conflict(Throwable e, String field, String message) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                ? Future.failedFuture(ApiException.conflict(field, message))
                : Future.failedFuture(e);
    }

    private static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        rows.forEach(row -> mapped.add(mapper.apply(row)));
        return mapped;
    }

    private static Organization organization(Row row) {
        return new Organization(row.getLong("id"), row.getString("slug"), row.getString("name"),
                instant(row.getOffsetDateTime("created_at")));
    }

    private static Project project(Row row) {
        return new Project(row.getLong("id"), row.getLong("organization_id"), row.getString("slug"),
                row.getString("name"), instant(row.getOffsetDateTime("created_at")),
                new ProjectSettings(row.getInteger("rate_limit_per_minute"), row.getBoolean("scrub_data"),
                        row.getBoolean("store_user_ip"), row.getDouble("sample_rate"),
                        row.getInteger("metrics_retention_days"), row.getInteger("events_retention_days")));
    }

    private static Key key(Row row) {
        return new Key(row.getString("public_key"), row.getLong("project_id"), row.getBoolean("is_active"),
                instant(row.getOffsetDateTime("created_at")));
    }

    private static Token token(Row row) {
        return new Token(row.getLong("id"), row.getLong("organization_id"), row.getString("name"), scopes(row),
                row.getString("token_prefix"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("last_used_at")), instant(row.getOffsetDateTime("revoked_at")));
    }

    private static List<Scope> scopes(Row row) {
        return Arrays.stream(row.getArrayOfStrings("scopes")).map(Scope::fromWireName).sorted().toList();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
