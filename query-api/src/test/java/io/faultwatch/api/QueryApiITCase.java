package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.sql.SQLUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import io.vertx.core.Vertx;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query API against the real PostgreSQL, ClickHouse and Kafka started by {@code ./faultwatch services start}.
 * Each run works on its own random project ids, so it shares the services with other tests safely.
 */
class QueryApiITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS_TABLE = LocalServices.ADDRESSES.clickhouseDatabase() + ".error_metrics_1m";
    private static final String RANGE = "since=2026-11-22T10:00:00Z&until=2026-11-22T10:05:00Z";

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final long EMPTY_PROJECT = PROJECT + 1;
    private static final long OTHER_PROJECT = PROJECT + 2;
    private static final long UNKNOWN_PROJECT = PROJECT + 3;
    /** Status changes go to a project of their own, so the list tests see their issues unchanged. */
    private static final long WRITE_PROJECT = PROJECT + 4;

    private static Vertx vertx;
    private static QueryApi api;
    private static Client clickhouse;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static long issueCrash;
    private static long issueTimeout;
    private static long issueOld;
    private static Map<TopicPartition, Long> commandsStart;

    @BeforeAll
    static void setUp() throws Exception {
        try (Connection pg = LocalServices.postgres()) {
            for (long id : new long[] {PROJECT, EMPTY_PROJECT, OTHER_PROJECT, WRITE_PROJECT}) {
                execute(pg, "INSERT INTO projects (id, slug, name) VALUES (?, ?, ?)", id, "it-" + id, "IT " + id);
            }
            issueOld = insertIssue(pg, PROJECT, "fp-old", "OldError: gone", null, "warning",
                    "2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z", 2);
            issueCrash = insertIssue(pg, PROJECT, "fp-crash", "NullPointerException: boom", "com.acme.Foo in bar",
                    "error", "2026-11-22T09:00:00Z", "2026-11-22T10:04:59.250Z", 17);
            issueTimeout = insertIssue(pg, PROJECT, "fp-timeout", "TimeoutException: 30 s", "com.acme.Http in call",
                    "fatal", "2026-11-22T09:30:00Z", "2026-11-22T10:02:00Z", 4);
            execute(pg, "UPDATE issues SET users = 5, first_release = 'shop@1.0', last_release = 'shop@1.2',"
                    + " environments = '{production,staging}', status = 'ignored', assignee = 'ann',"
                    + " ignore_until = '2026-12-01T00:00:00Z' WHERE id = ?", issueCrash);
            execute(pg, "UPDATE issues SET status = 'resolved_in_next_release', resolved_at = '2026-11-22T10:03:00Z',"
                    + " resolved_in_release = 'shop@1.1' WHERE id = ?", issueTimeout);
            insertIssue(pg, OTHER_PROJECT, "fp-crash", "Other project's issue", null, "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T11:00:00Z", 1);
        }

        clickhouse = LocalServices.clickhouse();
        insertMetrics(
                row(PROJECT, "fp-crash", "2026-11-22T10:00:00Z", 3, 1),
                row(PROJECT, "fp-crash", "2026-11-22T10:02:00Z", 5, 1),
                row(PROJECT, "fp-timeout", "2026-11-22T10:02:00Z", 2, 1),
                row(PROJECT, "it's quoted", "2026-11-22T10:03:00Z", 4, 1),
                row(PROJECT, "fp-timeout", "2026-11-22T10:04:00Z", 1, 1),
                // Outside [since, until): the minute before and the minute starting at until.
                row(PROJECT, "fp-crash", "2026-11-22T09:59:00Z", 100, 1),
                row(PROJECT, "fp-crash", "2026-11-22T10:05:00Z", 100, 1),
                row(OTHER_PROJECT, "fp-crash", "2026-11-22T10:01:00Z", 50, 1));
        // A second insert makes a second part: the newer absolute count must replace 5, not add to it.
        insertMetrics(row(PROJECT, "fp-crash", "2026-11-22T10:02:00Z", 7, 2));

        commandsStart = LocalServices.endOffsets(Topics.ISSUE_COMMANDS);
        vertx = Vertx.vertx();
        api = QueryApi.start(vertx, new QueryApiConfig("127.0.0.1", 0, LocalServices.ADDRESSES)).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (api != null) {
            api.close().await(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (clickhouse != null) {
            clickhouse.close();
        }
        try (Connection pg = LocalServices.postgres()) {
            for (long id : new long[] {PROJECT, EMPTY_PROJECT, OTHER_PROJECT, WRITE_PROJECT}) {
                execute(pg, "DELETE FROM issues WHERE project_id = ?", id);
                execute(pg, "DELETE FROM projects WHERE id = ?", id);
            }
        }
    }

    @Test
    void issuesAreListedMostRecentlySeenFirst() throws Exception {
        assertResponse("/api/v1/projects/" + PROJECT + "/issues", 200, """
                {"data":[
                  {"id":%d,"project_id":%d,"fingerprint":"fp-crash","title":"NullPointerException: boom",
                   "culprit":"com.acme.Foo in bar","level":"error","first_seen":"2026-11-22T09:00:00Z",
                   "last_seen":"2026-11-22T10:04:59.250Z","times_seen":17,"users":5,"first_release":"shop@1.0",
                   "last_release":"shop@1.2","environments":["production","staging"],"status":"ignored",
                   "assignee":"ann","resolved_at":null,"resolved_in_release":null,
                   "ignore":{"until":"2026-12-01T00:00:00Z","count":null}},
                  {"id":%d,"project_id":%d,"fingerprint":"fp-timeout","title":"TimeoutException: 30 s",
                   "culprit":"com.acme.Http in call","level":"fatal","first_seen":"2026-11-22T09:30:00Z",
                   "last_seen":"2026-11-22T10:02:00Z","times_seen":4,"users":0,"first_release":null,
                   "last_release":null,"environments":[],"status":"resolved_in_next_release",
                   "assignee":null,"resolved_at":"2026-11-22T10:03:00Z","resolved_in_release":"shop@1.1",
                   "ignore":null},
                  {"id":%d,"project_id":%d,"fingerprint":"fp-old","title":"OldError: gone",
                   "culprit":null,"level":"warning","first_seen":"2026-11-20T08:00:00Z",
                   "last_seen":"2026-11-20T09:00:00Z","times_seen":2,"users":0,"first_release":null,
                   "last_release":null,"environments":[],"status":"unresolved","assignee":null,
                   "resolved_at":null,"resolved_in_release":null,"ignore":null}
                ]}""".formatted(issueCrash, PROJECT, issueTimeout, PROJECT, issueOld, PROJECT));
    }

    @Test
    void limitKeepsTheMostRecentIssues() throws Exception {
        JsonNode body = get("/api/v1/projects/" + PROJECT + "/issues?limit=2", 200);
        assertThat(body.get("data").findValuesAsText("fingerprint")).containsExactly("fp-crash", "fp-timeout");
    }

    @Test
    void aProjectWithoutIssuesHasAnEmptyList() throws Exception {
        assertResponse("/api/v1/projects/" + EMPTY_PROJECT + "/issues", 200, "{\"data\":[]}");
    }

    @Test
    void statsCountEveryIssuePerMinuteWithTheNewestVersionOfEachRow() throws Exception {
        String expected = """
                {"project_id":%d,"interval":"1m","since":"2026-11-22T10:00:00Z","until":"2026-11-22T10:05:00Z",
                 "total":17,"series":[
                   {"time":"2026-11-22T10:00:00Z","count":3},
                   {"time":"2026-11-22T10:01:00Z","count":0},
                   {"time":"2026-11-22T10:02:00Z","count":9},
                   {"time":"2026-11-22T10:03:00Z","count":4},
                   {"time":"2026-11-22T10:04:00Z","count":1}]}""".formatted(PROJECT);
        assertResponse("/api/v1/projects/" + PROJECT + "/stats?" + RANGE, 200, expected);
        long since = Instant.parse("2026-11-22T10:00:00Z").getEpochSecond();
        assertResponse("/api/v1/projects/" + PROJECT + "/stats?since=" + since + "&until=" + (since + 300),
                200, expected);
    }

    @Test
    void statsFilterOneIssue() throws Exception {
        assertResponse("/api/v1/projects/" + PROJECT + "/stats?" + RANGE + "&fingerprint=fp-crash", 200, """
                {"project_id":%d,"interval":"1m","since":"2026-11-22T10:00:00Z","until":"2026-11-22T10:05:00Z",
                 "total":10,"series":[
                   {"time":"2026-11-22T10:00:00Z","count":3},
                   {"time":"2026-11-22T10:01:00Z","count":0},
                   {"time":"2026-11-22T10:02:00Z","count":7},
                   {"time":"2026-11-22T10:03:00Z","count":0},
                   {"time":"2026-11-22T10:04:00Z","count":0}]}""".formatted(PROJECT));
    }

    @Test
    void aFingerprintWithAQuoteIsMatchedLiterally() throws Exception {
        JsonNode body = get("/api/v1/projects/" + PROJECT + "/stats?" + RANGE + "&fingerprint=" + encode("it's quoted"),
                200);
        assertThat(body.get("total").asLong()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x' OR 1=1 --",
        "fp-crash' OR '1'='1",
        "\\' OR 1=1) FORMAT JSONEachRow --",
        "'; DROP TABLE error_metrics_1m; --",
        "fp-crash' UNION ALL SELECT toUInt32(now()), 999 --"})
    void anInjectionAttemptInTheFingerprintMatchesNothing(String attack) throws Exception {
        assertResponse("/api/v1/projects/" + PROJECT + "/stats?" + RANGE + "&fingerprint=" + encode(attack), 200, """
                {"project_id":%d,"interval":"1m","since":"2026-11-22T10:00:00Z","until":"2026-11-22T10:05:00Z",
                 "total":0,"series":[
                   {"time":"2026-11-22T10:00:00Z","count":0},
                   {"time":"2026-11-22T10:01:00Z","count":0},
                   {"time":"2026-11-22T10:02:00Z","count":0},
                   {"time":"2026-11-22T10:03:00Z","count":0},
                   {"time":"2026-11-22T10:04:00Z","count":0}]}""".formatted(PROJECT));
        // The table is still there and still answers.
        assertThat(get("/api/v1/projects/" + PROJECT + "/stats?" + RANGE, 200).get("total").asLong()).isEqualTo(17);
    }

    @Test
    void statsOfAProjectWithoutMetricsAreAllZeroFromTheFlooredSince() throws Exception {
        assertResponse("/api/v1/projects/" + EMPTY_PROJECT
                + "/stats?since=2026-11-22T10:00:30Z&until=2026-11-22T10:02:00Z", 200, """
                {"project_id":%d,"interval":"1m","since":"2026-11-22T10:00:00Z","until":"2026-11-22T10:02:00Z",
                 "total":0,"series":[
                   {"time":"2026-11-22T10:00:00Z","count":0},
                   {"time":"2026-11-22T10:01:00Z","count":0}]}""".formatted(EMPTY_PROJECT));
    }

    @Test
    void statsDefaultToTheLastHour() throws Exception {
        JsonNode body = get("/api/v1/projects/" + EMPTY_PROJECT + "/stats", 200);
        Instant since = Instant.parse(body.get("since").asText());
        Instant until = Instant.parse(body.get("until").asText());
        assertThat(Duration.between(since, until)).isBetween(Duration.ofHours(1), Duration.ofMinutes(61));
        // One point per minute that starts in [since, until): 60, or 61 when now is not on a whole minute.
        JsonNode series = body.get("series");
        Instant last = Instant.parse(series.get(series.size() - 1).get("time").asText());
        assertThat(series.get(0).get("time").asText()).isEqualTo(since.toString());
        assertThat(last).isBefore(until).isAfterOrEqualTo(until.minusSeconds(60));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/projects/abc/issues | id | id must be a positive integer, got 'abc'",
        "/api/v1/projects/-1/issues | id | id must be a positive integer, got '-1'",
        "/api/v1/projects/0/stats | id | id must be a positive integer, got '0'",
        "/api/v1/projects/1x/stats | id | id must be a positive integer, got '1x'",
        "/api/v1/projects/PROJECT/issues?limit=0 | limit | limit must be an integer between 1 and 1000, got '0'",
        "/api/v1/projects/PROJECT/issues?limit=1001 | limit | limit must be an integer between 1 and 1000, got '1001'",
        "/api/v1/projects/PROJECT/issues?limit=ten | limit | limit must be an integer between 1 and 1000, got 'ten'",
        "/api/v1/projects/PROJECT/stats?since=abc | since | since must be an ISO-8601 instant or epoch seconds, got 'abc'",
        "/api/v1/projects/PROJECT/stats?until=2026-11-22 | until | until must be an ISO-8601 instant or epoch seconds, got '2026-11-22'",
        "/api/v1/projects/PROJECT/stats?since=2026-11-22T10:00:00Z&until=2026-11-22T10:00:00Z"
            + " | since | since must be before until, got since 2026-11-22T10:00:00Z and until 2026-11-22T10:00:00Z",
        "/api/v1/projects/PROJECT/stats?since=2026-11-22T11:00:00Z&until=2026-11-22T10:00:00Z"
            + " | since | since must be before until, got since 2026-11-22T11:00:00Z and until 2026-11-22T10:00:00Z",
        "/api/v1/projects/PROJECT/stats?since=2026-11-21T10:00:00Z&until=2026-11-22T10:00:01Z"
            + " | since | the range from since to until must be at most 24 hours, got 2026-11-21T10:00:00Z to 2026-11-22T10:00:01Z",
        "/api/v1/projects/PROJECT/stats?fingerprint= | fingerprint | fingerprint must be 1 to 1024 characters long"})
    void badParametersAreRejectedWithTheFieldAndReason(String path, String field, String message) throws Exception {
        assertResponse(path.replace("PROJECT", String.valueOf(PROJECT)), 400, JSON.createObjectNode()
                .set("error", JSON.createObjectNode()
                        .put("code", "invalid_parameter").put("message", message).put("field", field))
                .toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"issues", "stats?" + RANGE})
    void anUnknownProjectIsNotFound(String route) throws Exception {
        assertResponse("/api/v1/projects/" + UNKNOWN_PROJECT + "/" + route, 404, """
                {"error":{"code":"not_found","message":"project %d does not exist","field":"id"}}"""
                .formatted(UNKNOWN_PROJECT));
    }

    @Test
    void anUnknownRouteIsNotFoundInTheSameShape() throws Exception {
        assertResponse("/api/v1/nothing-here", 404, """
                {"error":{"code":"not_found","message":"no route for GET /api/v1/nothing-here","field":null}}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/projects/%zz/issues", "/api/v1/projects/1/stats?since=%ZZ"})
    void aMalformedUriIsRejectedInTheSameShape(String rawPath) throws Exception {
        // java.net.URI refuses to build these, so the request goes out over a plain socket.
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400 ");
            assertThat(JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4))).isEqualTo(JSON.readTree("""
                    {"error":{"code":"invalid_request","message":"the request URI is malformed","field":null}}"""));
        }
    }

    @Test
    void aResolutionIsWrittenAndPublishedForTheJob() throws Exception {
        long issue = insertWriteIssue("fp-resolve", null);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        JsonNode changed = put(issuePath(WRITE_PROJECT, issue), "{\"status\":\"resolved\",\"assignee\":\"ann\"}", 200);

        assertThat(changed.get("id").asLong()).isEqualTo(issue);
        assertThat(changed.get("status").asText()).isEqualTo("resolved");
        assertThat(changed.get("assignee").asText()).isEqualTo("ann");
        assertThat(changed.get("times_seen").asLong()).as("counters are the job's").isEqualTo(3);
        Instant resolvedAt = Instant.parse(changed.get("resolved_at").asText());
        assertThat(resolvedAt).isBetween(before, Instant.now());
        assertThat(listed(WRITE_PROJECT, "fp-resolve")).isEqualTo(changed);
        assertThat(commandsFor("fp-resolve", 1)).containsExactly(new IssueCommand(WRITE_PROJECT, "fp-resolve",
                IssueStatus.RESOLVED, resolvedAt.toEpochMilli(), null, null));
    }

    @Test
    void anIgnoreKeepsItsOptionsAndAnAssignmentAlonePublishesNothing() throws Exception {
        long issue = insertWriteIssue("fp-ignore", null);

        put(issuePath(WRITE_PROJECT, issue), "{\"assignee\":\"bob\"}", 200);
        JsonNode changed = put(issuePath(WRITE_PROJECT, issue),
                "{\"status\":\"ignored\",\"ignore\":{\"until\":\"2030-01-01T00:00:00Z\",\"count\":50}}", 200);

        assertThat(changed.get("assignee").asText()).as("kept").isEqualTo("bob");
        assertThat(changed.get("ignore")).isEqualTo(JSON.readTree("{\"until\":\"2030-01-01T00:00:00Z\",\"count\":50}"));
        assertThat(commandsFor("fp-ignore", 1)).singleElement().satisfies(command -> {
            assertThat(command.status()).isEqualTo(IssueStatus.IGNORED);
            assertThat(command.ignoreUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
            assertThat(command.ignoreCount()).isEqualTo(50);
        });
        JsonNode unresolved = put(issuePath(WRITE_PROJECT, issue), "{\"status\":\"unresolved\"}", 200);
        assertThat(unresolved.get("ignore").isNull()).isTrue();
        assertThat(unresolved.get("resolved_at").isNull()).isTrue();
    }

    @Test
    void resolvingInTheNextReleaseRemembersTheCurrentOneAndNeedsOne() throws Exception {
        long released = insertWriteIssue("fp-next", "shop@2.0.0");
        long unreleased = insertWriteIssue("fp-no-release", null);

        JsonNode changed = put(issuePath(WRITE_PROJECT, released), "{\"status\":\"resolved_in_next_release\"}", 200);
        assertThat(changed.get("resolved_in_release").asText()).isEqualTo("shop@2.0.0");

        assertThat(put(issuePath(WRITE_PROJECT, unreleased), "{\"status\":\"resolved_in_next_release\"}", 400))
                .isEqualTo(error("invalid_parameter", "issue " + unreleased
                        + " has no release to resolve it after; resolve it instead", "status"));
        assertThat(listed(WRITE_PROJECT, "fp-no-release").get("status").asText()).as("unchanged").isEqualTo("unresolved");
    }

    @Test
    void changingAnUnknownProjectOrIssueIsNotFound() throws Exception {
        assertThat(put(issuePath(UNKNOWN_PROJECT, issueCrash), "{\"status\":\"resolved\"}", 404))
                .isEqualTo(error("not_found", "project " + UNKNOWN_PROJECT + " does not exist", "id"));
        // An issue of another project is as unknown as a missing one.
        assertThat(put(issuePath(WRITE_PROJECT, issueCrash), "{\"status\":\"resolved\"}", 404))
                .isEqualTo(error("not_found", "issue " + issueCrash + " does not exist in project " + WRITE_PROJECT,
                        "issue_id"));
    }

    @Test
    void aBadChangeIsRefusedWithTheFieldAndChangesNothing() throws Exception {
        long issue = insertWriteIssue("fp-refused", null);

        assertThat(put(issuePath(WRITE_PROJECT, issue), "{\"status\":\"closed\"}", 400)).isEqualTo(error(
                "invalid_parameter", "status must be one of unresolved, resolved, resolved_in_next_release, ignored,"
                        + " got '\"closed\"'", "status"));
        assertThat(put(issuePath(WRITE_PROJECT, issue), "status=resolved", 400))
                .isEqualTo(error("invalid_body", "the body must be a JSON object", null));
        assertThat(put("/api/v1/projects/" + WRITE_PROJECT + "/issues/x1", "{\"status\":\"resolved\"}", 400))
                .isEqualTo(error("invalid_parameter", "issue_id must be a positive integer, got 'x1'", "issue_id"));
        assertThat(put(issuePath(WRITE_PROJECT, issue), "{\"assignee\":\"" + "a".repeat(20_000) + "\"}", 413))
                .isEqualTo(error("payload_too_large", "the request body is too large", null));
        assertThat(listed(WRITE_PROJECT, "fp-refused").get("status").asText()).isEqualTo("unresolved");
        assertThat(commandsFor("fp-refused", 0)).isEmpty();
    }

    @Test
    void healthReportsBothDatabases() throws Exception {
        assertResponse("/health", 200, """
                {"status":"ok","checks":{"postgres":"ok","clickhouse":"ok"}}""");
    }

    private static void assertResponse(String path, int status, String expectedJson) throws Exception {
        assertThat(get(path, status)).isEqualTo(JSON.readTree(expectedJson));
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of GET %s, body %s", path, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static JsonNode put(String path, String body, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of PUT %s, body %s", path, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String issuePath(long projectId, long issueId) {
        return "/api/v1/projects/" + projectId + "/issues/" + issueId;
    }

    private static JsonNode error(String code, String message, String field) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode()
                .put("code", code).put("message", message).put("field", field));
    }

    /** The issue as the list shows it. */
    private static JsonNode listed(long projectId, String fingerprint) throws Exception {
        for (JsonNode issue : get("/api/v1/projects/" + projectId + "/issues", 200).get("data")) {
            if (issue.get("fingerprint").asText().equals(fingerprint)) {
                return issue;
            }
        }
        throw new AssertionError("issue " + fingerprint + " is not listed");
    }

    private static long insertWriteIssue(String fingerprint, String lastRelease) throws Exception {
        try (Connection pg = LocalServices.postgres()) {
            long id = insertIssue(pg, WRITE_PROJECT, fingerprint, "Error " + fingerprint, null, "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 3);
            execute(pg, "UPDATE issues SET last_release = ? WHERE id = ?", lastRelease, id);
            return id;
        }
    }

    /**
     * The commands published for one issue of {@link #WRITE_PROJECT} since the start. Waits for one more
     * than expected, briefly, so an extra command would show.
     */
    private static List<IssueCommand> commandsFor(String fingerprint, int expected) throws Exception {
        String key = Topics.issueKey(WRITE_PROJECT, fingerprint);
        List<IssueCommand> commands = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : LocalServices.awaitRecords(Topics.ISSUE_COMMANDS, commandsStart,
                expected + 1, Duration.ofSeconds(2), record -> key.equals(new String(record.key(), StandardCharsets.UTF_8))
                        ? record.partition() + "@" + record.offset() : null).values()) {
            commands.add(RecordJson.fromBytes(record.value(), IssueCommand.class));
        }
        return commands;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void execute(Connection pg, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static long insertIssue(Connection pg, long projectId, String fingerprint, String title, String culprit,
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

    private static String row(long projectId, String fingerprint, String minute, long count, long version) {
        return "(" + projectId + ", " + SQLUtils.enquoteLiteral(fingerprint) + ", toDateTime("
                + Instant.parse(minute).getEpochSecond() + "), " + count + ", " + version + ")";
    }

    private static void insertMetrics(String... rows) throws Exception {
        clickhouse.execute("INSERT INTO " + METRICS_TABLE
                        + " (project_id, fingerprint, minute, event_count, version) VALUES " + String.join(", ", rows))
                .get(30, TimeUnit.SECONDS)
                .close();
    }
}
