package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The issue list's filters, sorts and cursor pages, and the bulk status change, against the real
 * PostgreSQL and Kafka. Five issues of one project, set up so each filter and sort picks a different set
 * or order.
 */
class IssueSearchITCase {

    private static final long PROJECT = LocalServices.randomProjectId();
    /** Bulk changes get a project of their own, so the searches see their issues unchanged. */
    private static final long WRITE_PROJECT = PROJECT + 1;
    private static final long OTHER_PROJECT = PROJECT + 2;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private static ApiTestKit kit;
    private static Map<TopicPartition, Long> commandsStart;

    @BeforeAll
    static void setUp() throws Exception {
        kit = ApiTestKit.start();
        kit.createProjects(PROJECT, WRITE_PROJECT, OTHER_PROJECT);
        try (Connection pg = LocalServices.postgres()) {
            // fingerprint, title, culprit, level, first seen, last seen, count; then users, releases, environments, status, assignee
            issue(pg, "a", "NullPointerException: cart is null", "com.acme.Cart in total", "error",
                    "2026-11-20T08:00:00Z", "2026-11-22T10:00:00Z", 50, 7, "shop@1.0", "shop@1.2", "{production}", "unresolved", "ann");
            issue(pg, "b", "TimeoutException: payment", "com.acme.Pay in charge", "fatal",
                    "2026-11-21T08:00:00Z", "2026-11-22T11:00:00Z", 5, 30, "shop@1.1", "shop@1.1", "{production,staging}", "resolved", null);
            issue(pg, "c", "IllegalStateException: 100% done", "com.acme.Progress in bar", "warning",
                    "2026-11-22T08:00:00Z", "2026-11-22T09:00:00Z", 500, 1, null, null, "{staging}", "ignored", "bob");
            issue(pg, "d", "Error: cart checkout", null, "error",
                    "2026-11-19T08:00:00Z", "2026-11-22T08:00:00Z", 9, 9, "shop@1.2", "shop@1.3", "{}", "unresolved", null);
            issue(pg, "e", "KeyError: 'user'", "handlers.cart in view", "error",
                    "2026-11-22T09:30:00Z", "2026-11-22T12:00:00Z", 9, 2, null, null, "{production}", "unresolved", "ann");
        }
        commandsStart = LocalServices.endOffsets(Topics.ISSUE_COMMANDS);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'' | e b a c d",
        "status=unresolved | e a d",
        "status=resolved,ignored | b c",
        "level=error | e a d",
        "environment=staging | b c",
        "release=shop@1.2 | a d",
        "assignee=ann | e a",
        "first_seen_since=2026-11-21T00:00:00Z | e b c",
        "first_seen_until=2026-11-21T00:00:00Z | a d",
        "last_seen_since=2026-11-22T10:00:00Z&last_seen_until=2026-11-22T12:00:00Z | b a",
        "query=CART | e a d",
        "query=100% | c",
        "query=acme.pay | b",
        "query=_ | ''",
        "status=unresolved&level=error&query=cart&environment=production | e a"})
    void filtersNarrowTheList(String filter, String expected) throws Exception {
        assertThat(fingerprints(kit.get(issues(PROJECT) + "?" + encodeValues(filter), 200)))
                .isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "last_seen | e b a c d",
        "first_seen | e c b a d",
        "count | c a e d b",
        "users | b d a e c"})
    void sortsAreLargestOrNewestFirstWithTiesByNewestId(String sort, String expected) throws Exception {
        assertThat(fingerprints(kit.get(issues(PROJECT) + "?sort=" + sort, 200))).containsExactly(expected.split(" "));
    }

    @ParameterizedTest(name = "sort={0}")
    @CsvSource({"last_seen", "first_seen", "count", "users"})
    void cursorPagesFollowTheLinkHeaderThroughEveryIssueOnce(String sort) throws Exception {
        List<String> all = fingerprints(kit.get(issues(PROJECT) + "?sort=" + sort, 200));
        List<String> paged = new ArrayList<>();
        String next = issues(PROJECT) + "?sort=" + sort + "&limit=2&status=unresolved,resolved,ignored";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = kit.call("GET", next, kit.org().token(), null);
            paged.addAll(fingerprints(ApiTestKit.json(page, 200)));
            next = page.headers().firstValue("Link").map(IssueSearchITCase::nextLink).orElse(null);
            if (next != null) {
                assertThat(next).as("the filters stay").contains("status=unresolved%2Cresolved%2Cignored", "limit=2");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status=closed | status | status must be one or more (comma-separated) of unresolved, resolved, resolved_in_next_release, ignored, got 'closed'",
        "status=resolved, | status | status must be one or more (comma-separated) of unresolved, resolved, resolved_in_next_release, ignored, got 'resolved,'",
        "sort=title | sort | sort must be one of last_seen, first_seen, count, users, got 'title'",
        "level=bad | level | level must be one of fatal, error, warning, info, debug, got 'bad'",
        "first_seen_since=yesterday | first_seen_since | first_seen_since must be an ISO-8601 instant or epoch seconds, got 'yesterday'",
        "cursor=bm9wZQ | cursor | cursor must come from the Link header of a previous page, got 'bm9wZQ'",
        "cursor=Y291bnQ6NTow&sort=users | cursor | cursor belongs to sort 'count', not users; start again without a cursor",
        "query= | query | query must be 1 to 200 characters long",
        "limit=0 | limit | limit must be an integer between 1 and 1000, got '0'"})
    void badFiltersAreRefusedWithTheField(String filter, String field, String message) throws Exception {
        assertThat(kit.get(issues(PROJECT) + "?" + encodeValues(filter), 400))
                .isEqualTo(ApiTestKit.error("invalid_parameter", message, field));
    }

    @Test
    void aBulkChangeChangesEveryIssueAndPublishesACommandForEach() throws Exception {
        long first = writeIssue("bulk-1");
        long second = writeIssue("bulk-2");
        long untouched = writeIssue("bulk-3");

        JsonNode changed = kit.put(issues(WRITE_PROJECT), "{\"ids\":[" + second + "," + first + "],\"status\":\"ignored\","
                + "\"ignore\":{\"count\":10},\"assignee\":\"ann\"}", 200);

        assertThat(changed.get("data")).extracting(i -> i.get("id").asLong()).containsExactly(second, first);
        assertThat(changed.get("data")).allSatisfy(issue -> {
            assertThat(issue.get("status").asText()).isEqualTo("ignored");
            assertThat(issue.get("assignee").asText()).isEqualTo("ann");
            assertThat(issue.at("/ignore/count").asLong()).isEqualTo(10);
        });
        assertThat(fingerprints(kit.get(issues(WRITE_PROJECT) + "?status=ignored", 200)))
                .containsExactlyInAnyOrder("bulk-1", "bulk-2").doesNotContain("bulk-3");
        List<IssueCommand> commands = commands(List.of("bulk-1", "bulk-2", "bulk-3"), 2);
        assertThat(commands).extracting(IssueCommand::fingerprint).containsExactlyInAnyOrder("bulk-1", "bulk-2");
        assertThat(commands).allSatisfy(command -> {
            assertThat(command.status()).isEqualTo(IssueStatus.IGNORED);
            assertThat(command.ignoreCount()).isEqualTo(10L);
        });
        assertThat(untouched).isPositive();
    }

    @Test
    void aBulkChangeWithAnUnknownIssueChangesNothing() throws Exception {
        long known = writeIssue("bulk-known");
        long foreign;
        try (Connection pg = LocalServices.postgres()) {
            foreign = ApiTestKit.insertIssue(pg, OTHER_PROJECT, "bulk-foreign", "Other", null, "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 1);
        }

        assertThat(kit.put(issues(WRITE_PROJECT), "{\"ids\":[" + known + "," + foreign + "],\"status\":\"resolved\"}", 404))
                .isEqualTo(ApiTestKit.error("not_found", "issue " + foreign + " does not exist in project " + WRITE_PROJECT, "ids"));
        assertThat(fingerprints(kit.get(issues(WRITE_PROJECT) + "?status=resolved", 200))).doesNotContain("bulk-known");
        assertThat(commands(List.of("bulk-known"), 0)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"status\":\"resolved\"} | ids | ids must be an array of 1 to 100 different positive issue ids, got nothing",
        "{\"ids\":[],\"status\":\"resolved\"} | ids | ids must be an array of 1 to 100 different positive issue ids, got '[]'",
        "{\"ids\":[1,1],\"status\":\"resolved\"} | ids | ids must be an array of 1 to 100 different positive issue ids, got '[1,1]'",
        "{\"ids\":[\"1\"],\"status\":\"resolved\"} | ids | ids must be an array of 1 to 100 different positive issue ids, got '[\"1\"]'",
        "{\"ids\":[1],\"status\":\"closed\"} | status | status must be one of unresolved, resolved, resolved_in_next_release, ignored, got '\"closed\"'",
        "{\"ids\":[1],\"colour\":\"red\"} | colour | unknown field 'colour'; expected assignee, ids, ignore, status"})
    void aBadBulkChangeIsRefusedWithTheField(String body, String field, String message) throws Exception {
        assertThat(kit.put(issues(WRITE_PROJECT), body, 400)).isEqualTo(ApiTestKit.error("invalid_parameter", message, field));
    }

    @Test
    void aBulkChangeOfMoreThanAHundredIssuesIsRefused() throws Exception {
        StringBuilder ids = new StringBuilder("1");
        for (int i = 2; i <= 101; i++) {
            ids.append(',').append(i);
        }
        assertThat(kit.put(issues(WRITE_PROJECT), "{\"ids\":[" + ids + "],\"status\":\"resolved\"}", 400)
                .at("/error/field").asText()).isEqualTo("ids");
    }

    private static String issues(long project) {
        return "/api/v1/projects/" + project + "/issues";
    }

    private static List<String> fingerprints(JsonNode page) {
        List<String> fingerprints = new ArrayList<>();
        page.get("data").forEach(issue -> fingerprints.add(issue.get("fingerprint").asText()));
        return fingerprints;
    }

    private static String nextLink(String header) {
        Matcher matcher = NEXT.matcher(header);
        assertThat(matcher.matches()).as(header).isTrue();
        return matcher.group(1);
    }

    /** "a=b&c=d" with the values URL-encoded. */
    private static String encodeValues(String query) {
        List<String> parts = new ArrayList<>();
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            parts.add(eq < 0 ? part : part.substring(0, eq + 1) + URLEncoder.encode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    private static void issue(Connection pg, String fingerprint, String title, String culprit, String level,
                              String firstSeen, String lastSeen, long count, long users, String firstRelease,
                              String lastRelease, String environments, String status, String assignee) throws Exception {
        long id = ApiTestKit.insertIssue(pg, PROJECT, fingerprint, title, culprit, level, firstSeen, lastSeen, count);
        ApiTestKit.execute(pg, "UPDATE issues SET users = ?, first_release = ?, last_release = ?,"
                + " environments = ?::text[], status = ?, assignee = ? WHERE id = ?", users, firstRelease, lastRelease,
                environments, status, assignee, id);
    }

    private static long writeIssue(String fingerprint) throws Exception {
        try (Connection pg = LocalServices.postgres()) {
            return ApiTestKit.insertIssue(pg, WRITE_PROJECT, fingerprint, "Error " + fingerprint, null, "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 3);
        }
    }

    /** The commands published for these issues of the write project, waiting briefly for one more than expected. */
    private static List<IssueCommand> commands(List<String> fingerprints, int expected) throws Exception {
        List<String> keys = fingerprints.stream().map(f -> Topics.issueKey(WRITE_PROJECT, f)).toList();
        List<IssueCommand> commands = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : LocalServices.awaitRecords(Topics.ISSUE_COMMANDS, commandsStart,
                expected + 1, Duration.ofSeconds(2), record -> keys.contains(new String(record.key(), StandardCharsets.UTF_8))
                        ? record.partition() + "@" + record.offset() : null).values()) {
            commands.add(RecordJson.fromBytes(record.value(), IssueCommand.class));
        }
        return commands;
    }
}
