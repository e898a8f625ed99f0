package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.testing.LocalServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metrics routes (stats, top issues, an issue's events, error metrics) against the real ClickHouse
 * and PostgreSQL. Rows go straight into the tables the pipeline job writes (error_metrics_rows,
 * session_metrics_rows, events), the way the job writes them, under random project ids, on a day
 * before today (within every retention).
 */
class MetricsApiITCase {

    private static final String DB = LocalServices.ADDRESSES.clickhouseDatabase();
    /** 10:00 UTC yesterday. */
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(14));
    private static final String RANGE = "since=" + at(0) + "&until=" + at(5);

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final long EMPTY_PROJECT = PROJECT + 1;
    private static final long OTHER_PROJECT = PROJECT + 2;
    private static final long UNKNOWN_PROJECT = PROJECT + 3;
    /** Reports sessions, so its rates are error rates. */
    private static final long SESSIONS_PROJECT = PROJECT + 4;
    /** An error-metrics source only this run's events have. */
    private static final String SOURCE = "it-source-" + PROJECT;

    private static ApiTestKit kit;
    private static Client clickhouse;
    private static long issueCrash;
    private static long issueTimeout;
    private static long otherIssue;

    @BeforeAll
    static void setUp() throws Exception {
        kit = ApiTestKit.start();
        kit.createProjects(PROJECT, EMPTY_PROJECT, OTHER_PROJECT, SESSIONS_PROJECT);
        try (Connection pg = LocalServices.postgres()) {
            issueCrash = ApiTestKit.insertIssue(pg, PROJECT, "fp-crash", "NullPointerException: boom",
                    "com.acme.Foo in bar", "error", at(-1).toString(), at(5).toString(), 210);
            issueTimeout = ApiTestKit.insertIssue(pg, PROJECT, "fp-timeout", "TimeoutException: 30 s", "com.acme.Http in call",
                    "fatal", at(2).toString(), at(4).toString(), 3);
            otherIssue = ApiTestKit.insertIssue(pg, OTHER_PROJECT, "fp-crash", "Other project's issue", null, "error",
                    at(1).toString(), at(1).toString(), 50);
        }
        clickhouse = LocalServices.clickhouse();
        // Running totals as the job emits them: each row has its minute's, hour's and day's counts so far,
        // and they only grow.
        insert("error_metrics_rows",
                errors(PROJECT, "production", "fp-crash", "error", -1, 100, 100, 100),
                errors(PROJECT, "production", "fp-crash", "error", 0, 3, 3, 103, "u1", "u2"),
                errors(PROJECT, "production", "fp-crash", "error", 2, 5, 8, 108, "u1"),
                errors(PROJECT, "production", "fp-timeout", "fatal", 2, 2, 2, 2, "u3"),
                errors(PROJECT, "staging", "it's quoted", "error", 3, 4, 4, 4),
                errors(PROJECT, "production", "fp-timeout", "fatal", 4, 1, 3, 3, "u3"),
                // The minute that starts at until: outside the range, inside its hour.
                errors(PROJECT, "production", "fp-crash", "error", 5, 100, 108, 208),
                errors(OTHER_PROJECT, "production", "fp-crash", "error", 1, 50, 50, 50, "u9"),
                errors(SESSIONS_PROJECT, "production", "fp-a", "error", 0, 2, 2, 2, "u1"));
        // A later emission, in another part: the minute 10:02 grew from 5 to 7 events, so its hour and day by 2.
        insert("error_metrics_rows", errors(PROJECT, "production", "fp-crash", "error", 2, 7, 110, 210, "u1"));
        insert("session_metrics_rows",
                sessions(SESSIONS_PROJECT, 0, new long[] {4, 2, 1, 1, 0}, new long[] {4, 2, 1, 1, 0}),
                sessions(SESSIONS_PROJECT, 2, new long[] {2, 1, 1, 0, 0}, new long[] {6, 3, 2, 1, 0}));
        insert("events",
                event(PROJECT, "e1", 0, 10_000, "fp-crash", "error", SOURCE, "java.lang.NullPointerException", false),
                event(PROJECT, "e2", 0, 20_000, "fp-crash", "error", SOURCE, "java.lang.NullPointerException", false),
                event(PROJECT, "e4", 2, 30_000, "fp-crash", "error", "other-host", "java.lang.NullPointerException", true),
                event(PROJECT, "e3", 2, 30_000, "fp-crash", "error", "web-1", "java.lang.NullPointerException", false),
                event(PROJECT, "e5", 4, 0, "fp-timeout", "fatal", SOURCE, "java.util.concurrent.TimeoutException", false),
                event(OTHER_PROJECT, "e6", 1, 0, "fp-crash", "error", SOURCE, "java.lang.NullPointerException", false));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (clickhouse != null) {
            clickhouse.close();
        }
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void statsCountEveryKeyPerMinuteWithTheNewestValuesAndErrorsPerMinuteWithoutSessions() throws Exception {
        kit.assertResponse("/api/v1/projects/" + PROJECT + "/stats?" + RANGE, 200, """
                {"project_id":%d,"interval":"1m","since":"%s","until":"%s","total":17,"users":3,
                 "rate":"errors_per_minute","sessions":null,"error_rate":null,"crash_free_rate":null,
                 "errors_per_minute":3.4,"series":[
                   %s,
                   %s,
                   %s,
                   %s,
                   %s]}""".formatted(PROJECT, at(0), at(5), point(0, 3, 2), point(1, 0, 0), point(2, 9, 2),
                point(3, 4, 0), point(4, 1, 1)));
        long since = at(0).getEpochSecond();
        assertThat(kit.get("/api/v1/projects/" + PROJECT + "/stats?since=" + since + "&until=" + (since + 300), 200)
                .get("total").asLong()).as("epoch seconds work too").isEqualTo(17);
    }

    @Test
    void hourAndDayRollupsHoldTheSameCountsWithoutSummingReEmissions() throws Exception {
        JsonNode hours = kit.get("/api/v1/projects/" + PROJECT + "/stats?since=" + at(-60) + "&until=" + at(60)
                + "&interval=1h", 200);
        assertThat(series(hours)).containsExactly(at(-60) + " 100 0", at(0) + " 117 3");
        assertThat(hours.get("total").asLong()).isEqualTo(217);
        assertThat(hours.get("users").asLong()).isEqualTo(3);

        JsonNode days = kit.get("/api/v1/projects/" + PROJECT + "/stats?since=" + at(-600) + "&until=" + at(600)
                + "&interval=1d", 200);
        assertThat(series(days)).containsExactly(at(-600) + " 217 3");
    }

    @Test
    void aProjectWithSessionsGetsErrorAndCrashFreeRates() throws Exception {
        JsonNode stats = kit.get("/api/v1/projects/" + SESSIONS_PROJECT + "/stats?" + RANGE, 200);

        assertThat(stats.get("rate").asText()).isEqualTo("sessions");
        assertThat(stats.get("sessions")).isEqualTo(ApiTestKit.JSON.readTree(
                "{\"started\":6,\"exited\":3,\"errored\":2,\"crashed\":1,\"abnormal\":0}"));
        assertThat(stats.get("error_rate").asDouble()).isEqualTo(2 / 6.0);
        assertThat(stats.get("crash_free_rate").asDouble()).isEqualTo(1 - 1 / 6.0);
        assertThat(stats.get("errors_per_minute").isNull()).isTrue();
        JsonNode first = stats.get("series").get(0);
        assertThat(first.get("count").asLong()).isEqualTo(2);
        assertThat(first.get("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(first.get("crash_free_rate").asDouble()).isEqualTo(0.75);
        JsonNode quiet = stats.get("series").get(1);
        assertThat(quiet.get("sessions").get("started").asLong()).isZero();
        assertThat(quiet.get("error_rate").isNull()).as("no sessions that minute").isTrue();
        assertThat(stats.get("series").get(2).get("error_rate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void statsFilterByIssueEnvironmentReleaseAndLevel() throws Exception {
        String stats = "/api/v1/projects/" + PROJECT + "/stats?" + RANGE;
        assertThat(total(stats + "&issue=" + issueCrash)).isEqualTo(10);
        assertThat(total(stats + "&fingerprint=fp-crash")).isEqualTo(10);
        assertThat(total(stats + "&fingerprint=" + encode("it's quoted"))).as("a quote is matched literally")
                .isEqualTo(4);
        assertThat(total(stats + "&environment=staging")).isEqualTo(4);
        assertThat(total(stats + "&release=shop@1.0")).isEqualTo(17);
        assertThat(total(stats + "&release=shop@2.0")).isZero();
        assertThat(total(stats + "&level=fatal")).isEqualTo(3);
        assertThat(total(stats + "&level=fatal&environment=staging")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x' OR 1=1 --",
        "fp-crash' OR '1'='1",
        "\\' OR 1=1) FORMAT JSONEachRow --",
        "'; DROP TABLE error_metrics_1m; --",
        "fp-crash' UNION ALL SELECT toUInt32(now()), 999, 999 --"})
    void anInjectionAttemptInAnyFilterMatchesNothing(String attack) throws Exception {
        String stats = "/api/v1/projects/" + PROJECT + "/stats?" + RANGE;
        for (String filter : List.of("fingerprint", "environment", "release")) {
            assertThat(total(stats + "&" + filter + "=" + encode(attack))).as(filter).isZero();
        }
        String errorMetrics = "/api/v1/error-metrics?project=" + PROJECT + "&" + RANGE;
        for (String filter : List.of("source", "error_type")) {
            assertThat(total(errorMetrics + "&" + filter + "=" + encode(attack))).as(filter).isZero();
        }
        assertThat(kit.get("/api/v1/projects/" + PROJECT + "/top-issues?" + RANGE + "&environment=" + encode(attack), 200)
                .get("data")).isEmpty();
        // The tables are still there and still answer.
        assertThat(total(stats)).isEqualTo(17);
        assertThat(total(errorMetrics)).isEqualTo(5);
    }

    @Test
    void statsOfAProjectWithoutMetricsAreAllZeroFromTheFlooredSince() throws Exception {
        JsonNode stats = kit.get("/api/v1/projects/" + EMPTY_PROJECT + "/stats?since=" + at(0).plusSeconds(30)
                + "&until=" + at(2), 200);
        assertThat(stats.get("since").asText()).isEqualTo(at(0).toString());
        assertThat(series(stats)).containsExactly(at(0) + " 0 0", at(1) + " 0 0");
        assertThat(stats.get("errors_per_minute").asDouble()).isZero();
    }

    @Test
    void statsDefaultToTheLastHourInMinutesAndChooseCoarserIntervalsForLongerRanges() throws Exception {
        JsonNode body = kit.get("/api/v1/projects/" + EMPTY_PROJECT + "/stats", 200);
        Instant since = Instant.parse(body.get("since").asText());
        Instant until = Instant.parse(body.get("until").asText());
        assertThat(body.get("interval").asText()).isEqualTo("1m");
        assertThat(Duration.between(since, until)).isBetween(Duration.ofHours(1), Duration.ofMinutes(61));

        assertThat(kit.get("/api/v1/projects/" + EMPTY_PROJECT + "/stats?since=" + at(-24 * 60) + "&until=" + at(0), 200)
                .get("interval").asText()).isEqualTo("1h");
        assertThat(kit.get("/api/v1/projects/" + EMPTY_PROJECT + "/stats?since=" + at(-30 * 24 * 60)
                + "&until=" + at(0), 200).get("series")).as("since floored to its day").hasSize(31);
    }

    @Test
    void topIssuesAreRankedByEventsInTheRange() throws Exception {
        JsonNode top = kit.get("/api/v1/projects/" + PROJECT + "/top-issues?" + RANGE, 200);

        assertThat(top.get("interval").asText()).isEqualTo("1m");
        assertThat(top.get("data")).extracting(issue -> issue.get("fingerprint").asText() + " "
                        + issue.get("count").asLong() + " " + issue.get("users").asLong() + " " + issue.get("issue_id"))
                .containsExactly("fp-crash 10 2 " + issueCrash, "it's quoted 4 0 null",
                        "fp-timeout 3 1 " + issueTimeout);
        assertThat(top.get("data").get(0).get("title").asText()).isEqualTo("NullPointerException: boom");
        assertThat(top.get("data").get(0).get("status").asText()).isEqualTo("unresolved");
        assertThat(kit.get("/api/v1/projects/" + PROJECT + "/top-issues?" + RANGE + "&limit=1&level=fatal", 200)
                .get("data")).extracting(issue -> issue.get("fingerprint").asText()).containsExactly("fp-timeout");
    }

    @Test
    void anIssuesEventsArePagedNewestFirst() throws Exception {
        String events = "/api/v1/projects/" + PROJECT + "/issues/" + issueCrash + "/events";

        JsonNode first = kit.get(events + "?limit=2", 200);
        assertThat(first.get("data")).extracting(event -> event.get("event_id").asText()).containsExactly("e4", "e3");
        JsonNode newest = first.get("data").get(0);
        assertThat(newest.get("received_at").asText()).isEqualTo(at(2).plusSeconds(30).toString());
        assertThat(newest.get("tags")).isEqualTo(ApiTestKit.JSON.readTree("{\"region\":\"eu\",\"service\":\"other-host\"}"));
        assertThat(newest.get("payload").get("eventId").asText()).isEqualTo("e4");
        assertThat(newest.get("error_type").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(newest.get("release").isNull()).as("\"\" is shown as null").isTrue();
        String cursor = first.get("next_cursor").asText();

        JsonNode second = kit.get(events + "?limit=2&cursor=" + encode(cursor), 200);
        assertThat(second.get("data")).extracting(event -> event.get("event_id").asText()).containsExactly("e2", "e1");
        assertThat(second.get("next_cursor").isNull()).as("the last page").isTrue();
        assertThat(kit.get(events, 200).get("data")).hasSize(4);
    }

    @Test
    void errorMetricsCountEventsBySourceTypeAndLevel() throws Exception {
        JsonNode all = kit.get("/api/v1/error-metrics?project=" + PROJECT + "&" + RANGE, 200);
        assertThat(all.get("total").asLong()).isEqualTo(5);
        assertThat(all.get("series")).extracting(point -> point.get("count").asLong()).containsExactly(2L, 0L, 2L, 0L, 1L);
        assertThat(all.get("groups")).extracting(group -> group.get("source").asText() + " "
                        + group.get("error_type").asText() + " " + group.get("level").asText() + " " + group.get("count"))
                .containsExactly(SOURCE + " java.lang.NullPointerException error 2",
                        SOURCE + " java.util.concurrent.TimeoutException fatal 1",
                        "other-host java.lang.NullPointerException error 1",
                        "web-1 java.lang.NullPointerException error 1");

        String bySource = "/api/v1/error-metrics?" + RANGE + "&source=" + SOURCE;
        assertThat(total(bySource)).as("across projects").isEqualTo(4);
        assertThat(total(bySource + "&level=fatal")).isEqualTo(1);
        assertThat(total(bySource + "&error_type=java.lang.NullPointerException")).isEqualTo(3);
        assertThat(total("/api/v1/error-metrics?" + RANGE + "&source=other-host")).as("the service tag wins")
                .isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/projects/PROJECT/stats?since=abc | since | since must be an ISO-8601 instant or epoch seconds, got 'abc'",
        "/api/v1/projects/PROJECT/stats?until=2026-11-22 | until | until must be an ISO-8601 instant or epoch seconds,"
            + " got '2026-11-22'",
        "/api/v1/projects/PROJECT/stats?since=2026-11-22T10:00:00Z&until=2026-11-22T10:00:00Z | since | since must be"
            + " before until, got since 2026-11-22T10:00:00Z and until 2026-11-22T10:00:00Z",
        "/api/v1/projects/PROJECT/stats?since=2026-11-21T10:00:00Z&until=2026-11-22T10:00:01Z&interval=1m | since | the"
            + " range from since to until must be at most 24 hours for interval 1m, got 2026-11-21T10:00:00Z to"
            + " 2026-11-22T10:00:01Z",
        "/api/v1/projects/PROJECT/stats?interval=5m | interval | interval must be one of 1m, 1h, 1d, got '5m'",
        "/api/v1/projects/PROJECT/stats?level=warn | level | level must be one of fatal, error, warning, info, debug,"
            + " got 'warn'",
        "/api/v1/projects/PROJECT/stats?environment= | environment | environment must be 1 to 200 characters long",
        "/api/v1/projects/PROJECT/stats?issue=abc | issue | issue must be a positive integer, got 'abc'",
        "/api/v1/projects/PROJECT/stats?issue=1&fingerprint=x | issue | give issue or fingerprint, not both",
        "/api/v1/projects/PROJECT/stats?fingerprint= | fingerprint | fingerprint must be 1 to 1024 characters long",
        "/api/v1/projects/PROJECT/top-issues?limit=101 | limit | limit must be an integer between 1 and 100, got '101'",
        "/api/v1/projects/PROJECT/issues/0/events | issue_id | issue_id must be a positive integer, got '0'",
        "/api/v1/projects/PROJECT/issues/1/events?cursor=x | cursor | cursor must be the next_cursor of a previous page,"
            + " got 'x'",
        "/api/v1/error-metrics?project=-3 | project | project must be a positive integer, got '-3'",
        "/api/v1/error-metrics?source= | source | source must be 1 to 200 characters long",
        "/api/v1/error-metrics?level=critical | level | level must be one of fatal, error, warning, info, debug,"
            + " got 'critical'"})
    void badParametersAreRejectedWithTheFieldAndReason(String path, String field, String message) throws Exception {
        kit.assertResponse(path.replace("PROJECT", String.valueOf(PROJECT)), 400,
                ApiTestKit.error("invalid_parameter", message, field).toString());
    }

    @Test
    void unknownProjectsAndIssuesAreNotFound() throws Exception {
        for (String route : List.of("stats?" + RANGE, "top-issues", "issues/1/events")) {
            kit.assertResponse("/api/v1/projects/" + UNKNOWN_PROJECT + "/" + route, 404,
                    ApiTestKit.error("not_found", "project " + UNKNOWN_PROJECT + " does not exist", "id").toString());
        }
        kit.assertResponse("/api/v1/error-metrics?project=" + UNKNOWN_PROJECT, 404,
                ApiTestKit.error("not_found", "project " + UNKNOWN_PROJECT + " does not exist", "project").toString());
        // Another project's issue is as unknown as a missing one.
        kit.assertResponse("/api/v1/projects/" + PROJECT + "/issues/" + otherIssue + "/events", 404, ApiTestKit.error(
                "not_found", "issue " + otherIssue + " does not exist in project " + PROJECT, "issue_id").toString());
        kit.assertResponse("/api/v1/projects/" + PROJECT + "/stats?issue=" + otherIssue, 404, ApiTestKit.error(
                "not_found", "issue " + otherIssue + " does not exist in project " + PROJECT, "issue").toString());
    }

    /** The start of the minute {@code minutes} after 10:00 yesterday. */
    private static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    private static String point(int minute, long count, long users) {
        return """
                {"time":"%s","count":%d,"users":%d,"sessions":null,"error_rate":null,"crash_free_rate":null,
                 "errors_per_minute":%s}""".formatted(at(minute), count, users, (double) count);
    }

    private long total(String path) throws Exception {
        return kit.get(path, 200).get("total").asLong();
    }

    /** "time count users" per point. */
    private static List<String> series(JsonNode stats) {
        List<String> points = new ArrayList<>();
        stats.get("series").forEach(point -> points.add(point.get("time").asText() + " " + point.get("count").asLong()
                + " " + point.get("users").asLong()));
        return points;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ObjectNode errors(long project, String environment, String fingerprint, String level, int minute,
                                     long count, long hourCount, long dayCount, String... users) {
        ObjectNode row = ApiTestKit.JSON.createObjectNode()
                .put("project_id", project).put("environment", environment).put("release", "shop@1.0")
                .put("fingerprint", fingerprint).put("level", level).put("minute", at(minute).getEpochSecond());
        row.putArray("minute_counts").add(count);
        row.putArray("hour_counts").add(hourCount);
        row.putArray("day_counts").add(dayCount);
        // The job's user hashes: any distinct numbers below 2^63 do here.
        Arrays.stream(users).forEach(user -> row.withArray("user_hashes").add(user.hashCode() & Long.MAX_VALUE));
        row.withArray("user_hashes");
        return row.put("retention_days", 90);
    }

    private static ObjectNode sessions(long project, int minute, long[] minuteCounts, long[] hourAndDayCounts) {
        ObjectNode row = ApiTestKit.JSON.createObjectNode()
                .put("project_id", project).put("environment", "production").put("release", "shop@1.0")
                .put("minute", at(minute).getEpochSecond());
        Arrays.stream(minuteCounts).forEach(row.putArray("minute_counts")::add);
        Arrays.stream(hourAndDayCounts).forEach(row.putArray("hour_counts")::add);
        Arrays.stream(hourAndDayCounts).forEach(row.putArray("day_counts")::add);
        return row.put("retention_days", 90);
    }

    /** @param serviceTag whether the source is the event's service tag rather than its server name */
    private static ObjectNode event(long project, String id, int minute, int millis, String fingerprint, String level,
                                    String source, String errorType, boolean serviceTag) {
        long receivedAt = at(minute).toEpochMilli() + millis;
        ObjectNode row = ApiTestKit.JSON.createObjectNode()
                .put("project_id", project).put("event_id", id).put("received_at", receivedAt / 1000)
                .put("received_at_ms", receivedAt).put("timestamp_ms", receivedAt - 5).put("level", level)
                .put("environment", "production").put("release", "").put("platform", "java")
                .put("server_name", serviceTag ? "host-7" : source).put("transaction", "GET /cart")
                .put("error_type", errorType).put("error_value", "boom").put("message", "")
                .put("fingerprint", fingerprint).put("title", "t").put("culprit", "c").put("user_hash", 0);
        row.putArray("tag_keys").add("region").add("service");
        row.putArray("tag_values").add("eu").add(serviceTag ? source : "unrelated");
        if (!serviceTag) {
            row.withArray("tag_keys").remove(1);
            row.withArray("tag_values").remove(1);
        }
        return row.put("payload", "{\"eventId\":\"" + id + "\"}").put("retention_days", 30);
    }

    private static void insert(String table, ObjectNode... rows) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO " + DB + "." + table + " FORMAT JSONEachRow\n");
        for (ObjectNode row : rows) {
            sql.append(row).append('\n');
        }
        clickhouse.query(sql.toString()).get(30, TimeUnit.SECONDS).close();
    }
}
