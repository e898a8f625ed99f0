package io.faultwatch.e2e;

import static io.faultwatch.e2e.RunningStack.assertAccepted;
import static io.faultwatch.e2e.RunningStack.assertEventually;
import static io.faultwatch.e2e.RunningStack.baseEvent;
import static io.faultwatch.e2e.RunningStack.checkoutFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.LocalServices;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a user relies on: Sentry events over HTTP (hand-written store requests and the
 * real Sentry Java SDK) → the gateway → Kafka → ErrorPipelineJob on a MiniCluster → PostgreSQL
 * and ClickHouse → the query API, with exact counts, on the real services. And an issue's life: a
 * resolution through the API → fw.issue-commands → the job; the next event reopens the issue, and a
 * REGRESSION appears on fw.issue-events.
 */
class PipelineEndToEndITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = RunningStack.miniCluster();

    @TempDir
    Path checkpoints;

    private RunningStack stack;

    @AfterEach
    void stopEverything() throws Exception {
        Sentry.close();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sentryEventsBecomeIssuesAndPerMinuteStatsWithExactCounts() throws Exception {
        long backend = LocalServices.randomProjectId();
        long frontend = LocalServices.randomProjectId();
        Instant since = Instant.now().minusSeconds(60);
        stack = RunningStack.start(checkpoints);
        String backendKey = stack.createProject(backend);
        String frontendKey = stack.createProject(frontend);
        String api = stack.api();

        // Backend: hand-written Sentry store requests, as any SDK or HTTP client may send them.
        String store = stack.storeUrl(backend, backendKey);
        for (int line : new int[] {41, 41, 42, 57, 41}) {
            assertAccepted(stack.post(store, numberFormatException(line)));
        }
        for (int amount : new int[] {120, 99, 4500}) {
            assertAccepted(stack.post(store, message("Payment of " + amount + " EUR declined for order "
                    + UUID.randomUUID())));
        }
        for (int i = 0; i < 2; i++) {
            assertAccepted(stack.post(store, nullPointerException()));
        }
        // Rejected requests are answered with an error and never counted.
        assertThat(stack.post(store.replace(backendKey, "0".repeat(32)), nullPointerException()).statusCode())
                .isEqualTo(401);
        assertThat(stack.post(store, "{\"exception\": [").statusCode()).isEqualTo(400);

        // Frontend: the official Sentry Java SDK, pointed at the DSN like a user would.
        Sentry.init(options -> {
            options.setDsn("http://" + frontendKey + "@127.0.0.1:" + stack.gatewayPort() + "/" + frontend);
            options.addInAppInclude("io.faultwatch.e2e");
            options.setMaxQueueSize(100);
        });
        for (int i = 0; i < 4; i++) {
            try {
                renderReport(i);
            } catch (IllegalStateException e) {
                Sentry.captureException(e);
            }
        }
        Sentry.captureMessage("Cache warm-up took 1532 ms", SentryLevel.WARNING);
        Sentry.captureMessage("Cache warm-up took 87 ms", SentryLevel.WARNING);
        Sentry.flush(10_000);

        // Three bugs, three issues: line numbers and the ids inside messages do not split them.
        assertEventually(() -> issueCounts(api, backend), Map.of(5L, 1L, 3L, 1L, 2L, 1L));
        Map<String, Long> titles = issueTitles(api, backend);
        assertThat(titles).hasSize(3)
                .containsEntry("NumberFormatException: For input string: \"ten\"", 5L)
                .containsEntry("NullPointerException: cart is empty", 2L);
        assertThat(titles.entrySet()).filteredOn(title -> title.getKey().startsWith("Payment of "))
                .singleElement().satisfies(title -> assertThat(title.getValue()).isEqualTo(3L));
        assertEventually(() -> statsTotal(api, backend, since), 10L);
        assertEventually(() -> issueCounts(api, frontend), Map.of(4L, 1L, 2L, 1L));
        assertEventually(() -> statsTotal(api, frontend, since), 6L);

        // Nothing is counted twice once the early window firings and the final one have passed.
        Thread.sleep(3_000);
        assertThat(statsTotal(api, backend, since)).isEqualTo(10L);
        assertThat(issueCounts(api, frontend)).isEqualTo(Map.of(4L, 1L, 2L, 1L));
    }

    @Test
    void aResolvedIssueReopensOnItsNextEventAsARegression() throws Exception {
        long project = LocalServices.randomProjectId();
        Map<TopicPartition, Long> issueEventsStart = LocalServices.endOffsets(Topics.ISSUE_EVENTS);
        Map<TopicPartition, Long> commandsStart = LocalServices.endOffsets(Topics.ISSUE_COMMANDS);
        stack = RunningStack.start(checkpoints);
        String store = stack.storeUrl(project, stack.createProject(project));
        String issues = stack.api() + "/api/v1/projects/" + project + "/issues";

        String firstEventId = null;
        for (String user : new String[] {"u1", "u2", "u1"}) {
            String eventId = assertAccepted(stack.post(store, checkoutFailure(user, "shop@1.4.2", "production")));
            firstEventId = firstEventId == null ? eventId : firstEventId;
        }
        assertEventually(() -> summary(issues), "times_seen=3 users=2 status=unresolved");
        JsonNode issue = stack.getJson(issues).get("data").get(0);
        assertThat(issue.get("first_release").asText()).isEqualTo("shop@1.4.2");
        assertThat(issue.get("environments").toString()).isEqualTo("[\"production\"]");
        String fingerprint = issue.get("fingerprint").asText();

        HttpResponse<String> resolved = stack.put(issues + "/" + issue.get("id").asLong(),
                "{\"status\":\"resolved\",\"assignee\":\"ann\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(summary(issues)).isEqualTo("times_seen=3 users=2 status=resolved");
        awaitCommandApplied(commandsStart, Topics.issueKey(project, fingerprint));

        String regressionEventId = assertAccepted(stack.post(store, checkoutFailure("u3", "shop@1.4.3", "staging")));

        assertEventually(() -> summary(issues), "times_seen=4 users=3 status=unresolved");
        JsonNode reopened = stack.getJson(issues).get("data").get(0);
        assertThat(reopened.get("assignee").asText()).as("the job leaves the API's columns alone").isEqualTo("ann");
        assertThat(reopened.get("resolved_at").isNull()).isTrue();
        assertThat(reopened.get("last_release").asText()).isEqualTo("shop@1.4.3");
        assertThat(reopened.get("environments").toString()).isEqualTo("[\"production\",\"staging\"]");
        assertThat(awaitIssueEvents(issueEventsStart, project, 2))
                .extracting(IssueEvent::type, IssueEvent::eventId, IssueEvent::fingerprint)
                .containsExactly(
                        tuple(IssueEvent.Type.NEW_ISSUE, firstEventId, fingerprint),
                        tuple(IssueEvent.Type.REGRESSION, regressionEventId, fingerprint));
    }

    /** The project's only issue, in the fields that move. */
    private String summary(String issues) {
        JsonNode data = stack.getJson(issues).get("data");
        if (data.size() != 1) {
            return data.size() + " issues";
        }
        JsonNode issue = data.get(0);
        return "times_seen=" + issue.get("times_seen").asLong() + " users=" + issue.get("users").asLong()
                + " status=" + issue.get("status").asText();
    }

    /**
     * Waits until the job has applied the API's command: its consumer group commits offsets when a
     * checkpoint completes, which is after every record before the checkpoint barrier was processed.
     * Events and commands come from two sources, so without this an event sent right after the API
     * answered could reach the job before the resolution does.
     */
    private void awaitCommandApplied(Map<TopicPartition, Long> commandsStart, String key) throws Exception {
        ConsumerRecord<byte[], byte[]> command = LocalServices.awaitRecords(Topics.ISSUE_COMMANDS, commandsStart, 1,
                RunningStack.TIMEOUT, record -> key.equals(new String(record.key(), StandardCharsets.UTF_8)) ? key : null)
                .get(key);
        assertThat(command).as("the API published the command on %s", Topics.ISSUE_COMMANDS).isNotNull();
        TopicPartition partition = new TopicPartition(command.topic(), command.partition());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.ADDRESSES.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + RunningStack.TIMEOUT.toNanos();
            long committed = -1;
            while (committed <= command.offset() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                OffsetAndMetadata position = admin.listConsumerGroupOffsets(stack.pipelineGroupId())
                        .partitionsToOffsetAndMetadata().get().get(partition);
                committed = position == null ? -1 : position.offset();
            }
            assertThat(committed).as("the job's committed offset on %s", partition).isGreaterThan(command.offset());
        }
    }

    /** The project's lifecycle events in the order written. */
    private static List<IssueEvent> awaitIssueEvents(Map<TopicPartition, Long> start, long project, int expected) {
        return LocalServices.awaitRecords(Topics.ISSUE_EVENTS, start, expected, RunningStack.TIMEOUT, record -> {
            IssueEvent event = issueEvent(record.value());
            return event.projectId() == project ? event.id() : null;
        }).values().stream().map(record -> issueEvent(record.value())).toList();
    }

    private static IssueEvent issueEvent(byte[] json) {
        try {
            return RecordJson.fromBytes(json, IssueEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void renderReport(int attempt) {
        throw new IllegalStateException("report " + attempt + " has no rows");
    }

    private static String numberFormatException(int line) {
        ObjectNode event = baseEvent("error");
        ObjectNode exception = event.putObject("exception").putArray("values").addObject()
                .put("type", "NumberFormatException").put("value", "For input string: \"ten\"")
                .put("module", "java.lang");
        ArrayNode frames = exception.putObject("stacktrace").putArray("frames");
        frames.addObject().put("module", "com.acme.orders.OrderController").put("function", "create")
                .put("lineno", 88).put("in_app", true);
        frames.addObject().put("module", "com.acme.orders.OrderService").put("function", "parseQuantity")
                .put("lineno", line).put("in_app", true);
        frames.addObject().put("module", "java.lang.Integer").put("function", "parseInt")
                .put("lineno", 661).put("in_app", false);
        return event.toString();
    }

    private static String nullPointerException() {
        ObjectNode event = baseEvent("error");
        event.putObject("exception").putArray("values").addObject()
                .put("type", "NullPointerException").put("value", "cart is empty")
                .putObject("stacktrace").putArray("frames").addObject()
                .put("module", "com.acme.cart.Cart").put("function", "total").put("lineno", 12).put("in_app", true);
        return event.toString();
    }

    private static String message(String text) {
        ObjectNode event = baseEvent("warning");
        event.put("message", text);
        return event.toString();
    }

    /** times_seen → how many issues have it: the shape of the grouping, independent of hashes. */
    private Map<Long, Long> issueCounts(String api, long project) {
        Map<Long, Long> shape = new TreeMap<>();
        stack.getJson(api + "/api/v1/projects/" + project + "/issues").get("data")
                .forEach(issue -> shape.merge(issue.get("times_seen").asLong(), 1L, Long::sum));
        return shape;
    }

    private Map<String, Long> issueTitles(String api, long project) {
        Map<String, Long> titles = new TreeMap<>();
        stack.getJson(api + "/api/v1/projects/" + project + "/issues").get("data")
                .forEach(issue -> titles.put(issue.get("title").asText(), issue.get("times_seen").asLong()));
        return titles;
    }

    private long statsTotal(String api, long project, Instant since) {
        JsonNode stats = stack.getJson(api + "/api/v1/projects/" + project + "/stats?since=" + since.getEpochSecond());
        long sum = 0;
        for (JsonNode point : stats.get("series")) {
            sum += point.get("count").asLong();
        }
        assertThat(stats.get("total").asLong()).as("total equals the sum of the series").isEqualTo(sum);
        return sum;
    }
}
