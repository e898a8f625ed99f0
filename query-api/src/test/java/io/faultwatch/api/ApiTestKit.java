package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.testing.LocalServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The query API started in-process on a free port against the real services, its HTTP calls (every test
 * request goes through {@link #call}), and the PostgreSQL rows the integration tests set up (an organization
 * of their own with an admin token, projects, issues, alert rules), deleted again on {@link #close}. Calls
 * send the organization's admin token unless they name another. Retention does not run: tests run it themselves.
 */
final class ApiTestKit implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final URI GATEWAY = URI.create("http://127.0.0.1:48300");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An organization a test created, with its first admin token. */
    record Org(long id, String token) {}

    private final Vertx vertx;
    private final QueryApi api;
    private final Pool pool;
    private final TenantStore tenants;
    private final List<Long> organizations = new ArrayList<>();
    private Org org;

    private ApiTestKit(Vertx vertx, QueryApi api) {
        this.vertx = vertx;
        this.api = api;
        this.pool = IssueStore.pool(vertx, LocalServices.ADDRESSES);
        this.tenants = new TenantStore(pool);
    }

    /** Without a token rate limit: tests make many calls quickly. */
    static ApiTestKit start() throws Exception {
        return start(0);
    }

    /** {@link #start()} for a static field: fails the test class with the hint when a service is missing. */
    static ApiTestKit started() {
        try {
            return start();
        } catch (Exception e) {
            throw new AssertionError("the query API did not start" + LocalServices.START_HINT, e);
        }
    }

    static ApiTestKit start(int tokenRateLimitPerMinute) throws Exception {
        Vertx vertx = Vertx.vertx();
        QueryApiConfig config = new QueryApiConfig("127.0.0.1", 0, LocalServices.ADDRESSES, Duration.ZERO, GATEWAY,
                tokenRateLimitPerMinute);
        ApiTestKit kit = new ApiTestKit(vertx, QueryApi.start(vertx, config).await(30, TimeUnit.SECONDS));
        kit.org = kit.newOrganization();
        return kit;
    }

    int port() {
        return api.port();
    }

    QueryApi api() {
        return api;
    }

    /** The kit's organization: the one {@link #createProjects} creates projects in. */
    Org org() {
        return org;
    }

    /** A project of the kit's organization created through the API, as a user would; its id. */
    long newProjectThroughApi(String name) throws Exception {
        return post("/api/v1/organizations/" + org.id() + "/projects",
                "{\"name\":\"" + name + " " + LocalServices.randomProjectId() + "\"}", 201).get("id").asLong();
    }

    /** Another organization with its first admin token, deleted on {@link #close}. */
    Org newOrganization() throws Exception {
        String slug = "it-" + UUID.randomUUID().toString().substring(0, 18);
        TenantStore.NewOrganization created = tenants.createOrganization(slug, "IT " + slug, "it admin")
                .await(10, TimeUnit.SECONDS);
        organizations.add(created.id());
        return new Org(created.id(), created.secret());
    }

    /** A token of {@code organization} with these scopes, created the way the API does it. */
    String newToken(long organization, Scope... scopes) throws Exception {
        return tenants.createToken(organization, "it " + List.of(scopes), Set.of(scopes)).await(10, TimeUnit.SECONDS)
                .secret();
    }

    /** Also deletes, on {@link #close}, an organization a test created through the API. */
    void deleteOnClose(long organization) {
        organizations.add(organization);
    }

    /** Creates projects of the kit's organization, deleted with it on {@link #close}. */
    void createProjects(long... ids) throws Exception {
        createProjectsOf(org.id(), ids);
    }

    /** Creates projects of an organization the kit created, deleted with it on {@link #close}. */
    void createProjectsOf(long organization, long... ids) throws Exception {
        try (Connection pg = LocalServices.postgres()) {
            for (long id : ids) {
                execute(pg, "INSERT INTO projects (id, organization_id, slug, name) VALUES (?, ?, ?, ?)", id,
                        organization, "it-" + id, "IT " + id);
            }
        }
    }

    void assertResponse(String path, int status, String expectedJson) throws Exception {
        assertThat(get(path, status)).isEqualTo(JSON.readTree(expectedJson));
    }

    JsonNode get(String path, int status) throws Exception {
        return json(call("GET", path, org.token(), null), status);
    }

    JsonNode put(String path, String body, int status) throws Exception {
        return json(call("PUT", path, org.token(), body), status);
    }

    JsonNode post(String path, String body, int status) throws Exception {
        return json(call("POST", path, org.token(), body), status);
    }

    JsonNode delete(String path, int status) throws Exception {
        return json(call("DELETE", path, org.token(), null), status);
    }

    /** Any call, with {@code token} (null: none) and {@code body} (null: none). */
    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body as JSON, once the status and the content type are as expected; null for a 204 (no body). */
    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as("status of %s, body %s", response.request(), response.body())
                .isEqualTo(status);
        if (status == 204) {
            assertThat(response.body()).isEmpty();
            return null;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    /** The error body every refusal has. */
    static JsonNode error(String code, String message, String field) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode()
                .put("code", code).put("message", message).put("field", field));
    }

    static void execute(Connection pg, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    static long insertIssue(Connection pg, long projectId, String fingerprint, String title, String culprit,
                            String level, String firstSeen, String lastSeen, long timesSeen) throws Exception {
        try (PreparedStatement statement = pg.prepareStatement("INSERT INTO issues (project_id, fingerprint, title,"
                + " culprit, level, first_seen, last_seen, times_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            statement.setLong(1, projectId);
            statement.setString(2, fingerprint);
            statement.setString(3, title);
            statement.setString(4, culprit);
            statement.setString(5, level);
            statement.setTimestamp(6, Timestamp.from(Instant.parse(firstSeen)));
            statement.setTimestamp(7, Timestamp.from(Instant.parse(lastSeen)));
            statement.setLong(8, timesSeen);
            try (ResultSet ids = statement.executeQuery()) {
                ids.next();
                return ids.getLong(1);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            api.close().await(10, TimeUnit.SECONDS);
            pool.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } finally {
            try (Connection pg = LocalServices.postgres()) {
                for (long id : organizations) {
                    // Projects created through the API too, with their keys and alerting rows.
                    String ofOrganization = "(SELECT id FROM projects WHERE organization_id = ?)";
                    for (String table : List.of("alert_history", "alert_rules", "issues", "project_keys")) {
                        execute(pg, "DELETE FROM " + table + " WHERE project_id IN " + ofOrganization, id);
                    }
                    execute(pg, "DELETE FROM projects WHERE organization_id = ?", id);
                    execute(pg, "DELETE FROM api_tokens WHERE organization_id = ?", id);
                    execute(pg, "DELETE FROM organizations WHERE id = ?", id);
                }
            }
        }
    }
}
