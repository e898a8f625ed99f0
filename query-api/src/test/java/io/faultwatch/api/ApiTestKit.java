package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.testing.LocalServices;
import io.vertx.core.Vertx;
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
import java.util.concurrent.TimeUnit;

/**
 * The query API started in-process on a free port against the real services, its HTTP calls (every test
 * request goes through {@link #send}, the one place to add headers such as authentication), and the
 * PostgreSQL rows the integration tests set up (projects, issues), deleted again on {@link #close}.
 * Retention does not run: tests run it themselves.
 */
final class ApiTestKit implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Vertx vertx;
    private final QueryApi api;
    private final List<Long> projects = new ArrayList<>();

    private ApiTestKit(Vertx vertx, QueryApi api) {
        this.vertx = vertx;
        this.api = api;
    }

    static ApiTestKit start() throws Exception {
        return start(new QueryApiConfig("127.0.0.1", 0, LocalServices.ADDRESSES, Duration.ZERO));
    }

    static ApiTestKit start(QueryApiConfig config) throws Exception {
        Vertx vertx = Vertx.vertx();
        return new ApiTestKit(vertx, QueryApi.start(vertx, config).await(30, TimeUnit.SECONDS));
    }

    int port() {
        return api.port();
    }

    /** Creates projects, deleted with their issues on {@link #close}. */
    void createProjects(long... ids) throws Exception {
        try (Connection pg = LocalServices.postgres()) {
            for (long id : ids) {
                projects.add(id);
                execute(pg, "INSERT INTO projects (id, slug, name) VALUES (?, ?, ?)", id, "it-" + id, "IT " + id);
            }
        }
    }

    void assertResponse(String path, int status, String expectedJson) throws Exception {
        assertThat(get(path, status)).isEqualTo(JSON.readTree(expectedJson));
    }

    JsonNode get(String path, int status) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path, status);
    }

    JsonNode put(String path, String body, int status) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), "PUT " + path, status);
    }

    JsonNode post(String path, String body, int status) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST " + path, status);
    }

    /** DELETE answers 204 without a body when it succeeds: then null. */
    JsonNode delete(String path, int status) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), "DELETE " + path, status);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static JsonNode send(HttpRequest.Builder request, String what, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of %s, body %s", what, response.body()).isEqualTo(status);
        if (status == 204) {
            assertThat(response.body()).isEmpty();
            return null;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
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
            vertx.close().await(10, TimeUnit.SECONDS);
        } finally {
            try (Connection pg = LocalServices.postgres()) {
                for (long id : projects) {
                    execute(pg, "DELETE FROM alert_history WHERE project_id = ?", id);
                    execute(pg, "DELETE FROM alert_rules WHERE project_id = ?", id);
                    execute(pg, "DELETE FROM issues WHERE project_id = ?", id);
                    execute(pg, "DELETE FROM projects WHERE id = ?", id);
                }
            }
        }
    }
}
