package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static final ObjectMapper JSON = ApiTestKit.JSON;

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final long EMPTY_PROJECT = PROJECT + 1;
    private static final long OTHER_PROJECT = PROJECT + 2;
    private static final long UNKNOWN_PROJECT = PROJECT + 3;
    /** Status changes go to a project of their own, so the list tests see their issues unchanged. */
    private static final long WRITE_PROJECT = PROJECT + 4;

    private static ApiTestKit kit;
    private static long issueCrash;
    private static long issueTimeout;
    private static long issueOld;
    private static Map<TopicPartition, Long> commandsStart;

    @BeforeAll
    static void setUp() throws Exception {
        kit = ApiTestKit.start();
        kit.createProjects(PROJECT, EMPTY_PROJECT, OTHER_PROJECT, WRITE_PROJECT);
        try (Connection pg = LocalServices.postgres()) {
            issueOld = ApiTestKit.insertIssue(pg, PROJECT, "fp-old", "OldError: gone", null, "warning",
                    "2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z", 2);
            issueCrash = ApiTestKit.insertIssue(pg, PROJECT, "fp-crash", "NullPointerException: boom", "com.acme.Foo in bar",
                    "error", "2026-11-22T09:00:00Z", "2026-11-22T10:04:59.250Z", 17);
            issueTimeout = ApiTestKit.insertIssue(pg, PROJECT, "fp-timeout", "TimeoutException: 30 s", "com.acme.Http in call",
                    "fatal", "2026-11-22T09:30:00Z", "2026-11-22T10:02:00Z", 4);
            ApiTestKit.execute(pg, "UPDATE issues SET users = 5, first_release = 'shop@1.0', last_release = 'shop@1.2',"
                    + " environments = '{production,staging}', status = 'ignored', assignee = 'ann',"
                    + " ignore_until = '2026-12-01T00:00:00Z' WHERE id = ?", issueCrash);
            ApiTestKit.execute(pg, "UPDATE issues SET status = 'resolved_in_next_release', resolved_at = '2026-11-22T10:03:00Z',"
                    + " resolved_in_release = 'shop@1.1' WHERE id = ?", issueTimeout);
            ApiTestKit.insertIssue(pg, OTHER_PROJECT, "fp-crash", "Other project's issue", null, "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T11:00:00Z", 1);
        }

        commandsStart = LocalServices.endOffsets(Topics.ISSUE_COMMANDS);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void issuesAreListedMostRecentlySeenFirst() throws Exception {
        kit.assertResponse("/api/v1/projects/" + PROJECT + "/issues", 200, """
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
        JsonNode body = kit.get("/api/v1/projects/" + PROJECT + "/issues?limit=2", 200);
        assertThat(body.get("data").findValuesAsText("fingerprint")).containsExactly("fp-crash", "fp-timeout");
    }

    @Test
    void aProjectWithoutIssuesHasAnEmptyList() throws Exception {
        kit.assertResponse("/api/v1/projects/" + EMPTY_PROJECT + "/issues", 200, "{\"data\":[]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/projects/abc/issues | id | id must be a positive integer, got 'abc'",
        "/api/v1/projects/-1/issues | id | id must be a positive integer, got '-1'",
        "/api/v1/projects/0/stats | id | id must be a positive integer, got '0'",
        "/api/v1/projects/1x/stats | id | id must be a positive integer, got '1x'",
        "/api/v1/projects/PROJECT/issues?limit=0 | limit | limit must be an integer between 1 and 1000, got '0'",
        "/api/v1/projects/PROJECT/issues?limit=1001 | limit | limit must be an integer between 1 and 1000, got '1001'",
        "/api/v1/projects/PROJECT/issues?limit=ten | limit | limit must be an integer between 1 and 1000, got 'ten'"})
    void badParametersAreRejectedWithTheFieldAndReason(String path, String field, String message) throws Exception {
        kit.assertResponse(path.replace("PROJECT", String.valueOf(PROJECT)), 400,
                ApiTestKit.error("invalid_parameter", message, field).toString());
    }

    @Test
    void anUnknownProjectIsNotFound() throws Exception {
        kit.assertResponse("/api/v1/projects/" + UNKNOWN_PROJECT + "/issues", 404, """
                {"error":{"code":"not_found","message":"project %d does not exist","field":"id"}}"""
                .formatted(UNKNOWN_PROJECT));
    }

    @Test
    void anUnknownRouteIsNotFoundInTheSameShape() throws Exception {
        kit.assertResponse("/api/v1/nothing-here", 404, """
                {"error":{"code":"not_found","message":"no route for GET /api/v1/nothing-here","field":null}}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/projects/%zz/issues", "/api/v1/projects/1/stats?since=%ZZ"})
    void aMalformedUriIsRejectedInTheSameShape(String rawPath) throws Exception {
        // java.net.URI refuses to build these, so the request goes out over a plain socket.
        try (Socket socket = new Socket("127.0.0.1", kit.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + kit.org().token() + "\r\nConnection: close\r\n\r\n")
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

        JsonNode changed = kit.put(issuePath(WRITE_PROJECT, issue), "{\"status\":\"resolved\",\"assignee\":\"ann\"}", 200);

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

        kit.put(issuePath(WRITE_PROJECT, issue), "{\"assignee\":\"bob\"}", 200);
        JsonNode changed = kit.put(issuePath(WRITE_PROJECT, issue),
                "{\"status\":\"ignored\",\"ignore\":{\"until\":\"2030-01-01T00:00:00Z\",\"count\":50}}", 200);

        assertThat(changed.get("assignee").asText()).as("kept").isEqualTo("bob");
        assertThat(changed.get("ignore")).isEqualTo(JSON.readTree("{\"until\":\"2030-01-01T00:00:00Z\",\"count\":50}"));
        assertThat(commandsFor("fp-ignore", 1)).singleElement().satisfies(command -> {
            assertThat(command.status()).isEqualTo(IssueStatus.IGNORED);
            assertThat(command.ignoreUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
            assertThat(command.ignoreCount()).isEqualTo(50);
        });
        JsonNode unresolved = kit.put(issuePath(WRITE_PROJECT, issue), "{\"status\":\"unresolved\"}", 200);
        assertThat(unresolved.get("ignore").isNull()).isTrue();
        assertThat(unresolved.get("resolved_at").isNull()).isTrue();
    }

    @Test
    void resolvingInTheNextReleaseRemembersTheCurrentOneAndNeedsOne() throws Exception {
        long released = insertWriteIssue("fp-next", "shop@2.0.0");
        long unreleased = insertWriteIssue("fp-no-release", null);

        JsonNode changed = kit.put(issuePath(WRITE_PROJECT, released), "{\"status\":\"resolved_in_next_release\"}", 200);
        assertThat(changed.get("resolved_in_release").asText()).isEqualTo("shop@2.0.0");

        assertThat(kit.put(issuePath(WRITE_PROJECT, unreleased), "{\"status\":\"resolved_in_next_release\"}", 400))
                .isEqualTo(ApiTestKit.error("invalid_parameter", "issue " + unreleased
                        + " has no release to resolve it after; resolve it instead", "status"));
        assertThat(listed(WRITE_PROJECT, "fp-no-release").get("status").asText()).as("unchanged").isEqualTo("unresolved");
    }

    @Test
    void changingAnUnknownProjectOrIssueIsNotFound() throws Exception {
        assertThat(kit.put(issuePath(UNKNOWN_PROJECT, issueCrash), "{\"status\":\"resolved\"}", 404))
                .isEqualTo(ApiTestKit.error("not_found", "project " + UNKNOWN_PROJECT + " does not exist", "id"));
        // An issue of another project is as unknown as a missing one.
        assertThat(kit.put(issuePath(WRITE_PROJECT, issueCrash), "{\"status\":\"resolved\"}", 404))
                .isEqualTo(ApiTestKit.error("not_found", "issue " + issueCrash + " does not exist in project " + WRITE_PROJECT,
                        "issue_id"));
    }

    @Test
    void aBadChangeIsRefusedWithTheFieldAndChangesNothing() throws Exception {
        long issue = insertWriteIssue("fp-refused", null);

        assertThat(kit.put(issuePath(WRITE_PROJECT, issue), "{\"status\":\"closed\"}", 400)).isEqualTo(ApiTestKit.error(
                "invalid_parameter", "status must be one of unresolved, resolved, resolved_in_next_release, ignored,"
                        + " got '\"closed\"'", "status"));
        assertThat(kit.put(issuePath(WRITE_PROJECT, issue), "status=resolved", 400))
                .isEqualTo(ApiTestKit.error("invalid_body", "the body must be a JSON object", null));
        assertThat(kit.put("/api/v1/projects/" + WRITE_PROJECT + "/issues/x1", "{\"status\":\"resolved\"}", 400))
                .isEqualTo(ApiTestKit.error("invalid_parameter", "issue_id must be a positive integer, got 'x1'", "issue_id"));
        assertThat(kit.put(issuePath(WRITE_PROJECT, issue), "{\"assignee\":\"" + "a".repeat(20_000) + "\"}", 413))
                .isEqualTo(ApiTestKit.error("payload_too_large", "the request body is too large", null));
        assertThat(listed(WRITE_PROJECT, "fp-refused").get("status").asText()).isEqualTo("unresolved");
        assertThat(commandsFor("fp-refused", 0)).isEmpty();
    }

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        assertThat(ApiTestKit.json(kit.call("GET", "/health", null, null), 200))
                .isEqualTo(JSON.readTree("{\"status\":\"up\"}"));
    }

    @Test
    void readyWhenBothDatabasesAnswer() throws Exception {
        assertThat(ApiTestKit.json(kit.call("GET", "/ready", null, null), 200))
                .isEqualTo(JSON.readTree("{\"status\":\"ready\",\"postgres\":\"up\",\"clickhouse\":\"up\"}"));
    }

    @Test
    void metricsInPrometheusFormatWithTheRouteTemplates() throws Exception {
        kit.get("/api/v1/projects/" + PROJECT + "/issues", 200);

        var response = kit.call("GET", "/metrics", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(
                "fw_api_request_seconds_bucket{endpoint=\"GET /api/v1/projects/:id/issues\",status=\"200\"");
    }

    private static String issuePath(long projectId, long issueId) {
        return "/api/v1/projects/" + projectId + "/issues/" + issueId;
    }

    /** The issue as the list shows it. */
    private static JsonNode listed(long projectId, String fingerprint) throws Exception {
        for (JsonNode issue : kit.get("/api/v1/projects/" + projectId + "/issues", 200).get("data")) {
            if (issue.get("fingerprint").asText().equals(fingerprint)) {
                return issue;
            }
        }
        throw new AssertionError("issue " + fingerprint + " is not listed");
    }

    private static long insertWriteIssue(String fingerprint, String lastRelease) throws Exception {
        try (Connection pg = LocalServices.postgres()) {
            long id = ApiTestKit.insertIssue(pg, WRITE_PROJECT, fingerprint, "Error " + fingerprint, null, "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 3);
            ApiTestKit.execute(pg, "UPDATE issues SET last_release = ? WHERE id = ?", lastRelease, id);
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

}
