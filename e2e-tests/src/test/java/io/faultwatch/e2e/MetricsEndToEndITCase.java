package io.faultwatch.e2e;

import static io.faultwatch.e2e.RunningStack.JSON;
import static io.faultwatch.e2e.RunningStack.assertAccepted;
import static io.faultwatch.e2e.RunningStack.assertEventually;
import static io.faultwatch.e2e.RunningStack.baseEvent;
import static io.faultwatch.e2e.RunningStack.checkoutFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.testing.LocalServices;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A known timeline of events and sessions, over two minutes, through the gateway, the pipeline job and
 * ClickHouse to the query API, with the exact series expected: events, distinct users and session counts
 * per minute, the error and crash-free rates, and the same totals from the hourly and daily rollups.
 * Sessions are reported the way SDKs do: each update of a session (the init one repeated, as on a
 * retry), and aggregate buckets.
 *
 * <p>The gateway stamps the receive time, so the test times its sends: the first batch late in a
 * minute, the second early in the next.
 */
class MetricsEndToEndITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = RunningStack.miniCluster();

    private static final String RELEASE = "shop@1.4.2";

    @TempDir
    Path checkpoints;

    private RunningStack stack;
    private final Map<String, String> sessionIds = new HashMap<>();

    @AfterEach
    void stopEverything() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aTimelineOfEventsAndSessionsBecomesExactPerMinuteSeries() throws Exception {
        long project = LocalServices.randomProjectId();
        stack = RunningStack.start(checkpoints);
        String key = stack.createProject(project);
        String store = stack.storeUrl(project, key);
        String envelope = stack.envelopeUrl(project, key);

        // Minute M: the checkout bug for three users in production and one in staging, a warning twice;
        // sessions s1 (started twice: a retry; exits with an error), s2 (crashes), s3 (stays open), and an
        // aggregate bucket of three (two exited, one errored).
        Instant m = startOfMinuteWithSecondsLeft(Duration.ofSeconds(15));
        for (String user : new String[] {"u1", "u2", "u1"}) {
            assertAccepted(stack.post(store, checkoutFailure(user, RELEASE, "production")));
        }
        assertAccepted(stack.post(store, checkoutFailure("u3", RELEASE, "staging")));
        assertAccepted(stack.post(store, paymentDeclined(120)));
        assertAccepted(stack.post(store, paymentDeclined(4500)));
        sendSessions(envelope,
                update("s1", true, "ok", 0), update("s1", true, "ok", 0), update("s1", false, "exited", 1),
                update("s2", true, "crashed", 0), update("s3", true, "ok", 0), aggregate(2, 1, 0));
        assertThat(Instant.now().truncatedTo(ChronoUnit.MINUTES)).as("the first batch was sent within one minute")
                .isEqualTo(m);

        // Minute M+1: the bug for a fourth user, the warning again; s3 exits, s4 starts, s2's crash is repeated.
        Instant next = m.plus(Duration.ofMinutes(1));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), next.plusSeconds(1)).toMillis()));
        assertAccepted(stack.post(store, checkoutFailure("u4", RELEASE, "production")));
        assertAccepted(stack.post(store, paymentDeclined(99)));
        sendSessions(envelope, update("s3", false, "exited", 0), update("s4", true, "ok", 0),
                update("s2", false, "crashed", 0));
        assertThat(Instant.now().truncatedTo(ChronoUnit.MINUTES)).as("the second batch within the next minute")
                .isEqualTo(next);

        String stats = stack.api() + "/api/v1/projects/" + project + "/stats?since=" + m.minusSeconds(60)
                + "&until=" + m.plusSeconds(120);
        ObjectNode built = JSON.createObjectNode()
                .put("project_id", project).put("interval", "1m")
                .put("since", m.minusSeconds(60).toString()).put("until", m.plusSeconds(120).toString())
                .put("total", 8).put("users", 4).put("rate", "sessions");
        built.set("sessions", sessions(7, 5, 3, 1, 0));
        built.put("error_rate", 3 / 7.0).put("crash_free_rate", 1 - 1 / 7.0).putNull("errors_per_minute");
        ArrayNode series = built.putArray("series");
        series.add(point(m.minusSeconds(60), 0, 0, sessions(0, 0, 0, 0, 0), null, null));
        series.add(point(m, 6, 3, sessions(6, 4, 3, 1, 0), 0.5, 1 - 1 / 6.0));
        series.add(point(next, 2, 1, sessions(1, 1, 0, 0, 0), 0.0, 1.0));
        // As parsed from text, so numbers compare by value, not by the Java type they were put with.
        JsonNode expected = JSON.readTree(built.toString());
        assertEventually(() -> stack.getJson(stats), expected);

        // The rollups hold the same totals, however often each minute was re-emitted on the way.
        for (String interval : List.of("1h", "1d")) {
            JsonNode rolledUp = stack.getJson(stats + "&interval=" + interval);
            assertThat(rolledUp.get("total").asLong()).as(interval).isEqualTo(8);
            assertThat(rolledUp.get("users").asLong()).as(interval).isEqualTo(4);
            assertThat(rolledUp.get("sessions")).as(interval).isEqualTo(expected.get("sessions"));
        }
        // Sessions are per environment and release: staging reported none, so it gets errors per minute.
        JsonNode staging = stack.getJson(stats + "&environment=staging");
        assertThat(staging.get("total").asLong()).isEqualTo(1);
        assertThat(staging.get("rate").asText()).isEqualTo("errors_per_minute");
        assertThat(staging.get("series").get(1).get("errors_per_minute").asDouble()).isEqualTo(1.0);

        JsonNode top = stack.getJson(stack.api() + "/api/v1/projects/" + project + "/top-issues?since="
                + m.minusSeconds(60) + "&until=" + m.plusSeconds(120));
        assertThat(top.get("data")).extracting(issue -> issue.get("title").asText().replaceAll("[0-9]+", "N") + " "
                        + issue.get("count").asLong() + " " + issue.get("users").asLong())
                .containsExactly("IllegalStateException: payment provider timed out 5 4",
                        "Payment of N EUR declined 3 0");

        long checkoutIssue = top.get("data").get(0).get("issue_id").asLong();
        JsonNode events = stack.getJson(stack.api() + "/api/v1/projects/" + project + "/issues/" + checkoutIssue
                + "/events?limit=4");
        assertThat(events.get("data")).hasSize(4);
        List<Instant> receivedAt = new ArrayList<>();
        events.get("data").forEach(event -> receivedAt.add(Instant.parse(event.get("received_at").asText())));
        assertThat(receivedAt).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(events.get("data").get(0).get("environment").asText()).isEqualTo("production");
        assertThat(events.get("data").get(0).get("payload").get("user").get("id").asText()).isEqualTo("u4");
        JsonNode rest = stack.getJson(stack.api() + "/api/v1/projects/" + project + "/issues/" + checkoutIssue
                + "/events?limit=4&cursor=" + events.get("next_cursor").asText());
        assertThat(rest.get("data")).hasSize(1);
        assertThat(rest.get("next_cursor").isNull()).isTrue();

        assertThat(stack.getJson(stack.api() + "/api/v1/error-metrics?project=" + project + "&since="
                + m.minusSeconds(60) + "&until=" + m.plusSeconds(120) + "&level=warning").get("total").asLong())
                .isEqualTo(3);

        // Nothing is counted twice once more firings (early, final) have passed.
        Thread.sleep(3_000);
        assertThat(stack.getJson(stats)).isEqualTo(expected);
    }

    /**
     * Waits, if needed, until the current minute has at most {@code left} and at least 8 s left, so a batch
     * sent now lands in it and the next minute is near; returns its start.
     */
    private static Instant startOfMinuteWithSecondsLeft(Duration left) throws InterruptedException {
        while (true) {
            Instant now = Instant.now();
            Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
            Duration remaining = Duration.between(now, minute.plusSeconds(60));
            if (remaining.compareTo(left) <= 0 && remaining.toSeconds() >= 8) {
                return minute;
            }
            Thread.sleep(remaining.toSeconds() < 8 ? remaining.toMillis() + 100
                    : remaining.minus(left).toMillis() + 100);
        }
    }

    private void sendSessions(String envelopeUrl, ObjectNode... items) throws Exception {
        StringBuilder body = new StringBuilder("{\"sent_at\":\"" + Instant.now() + "\"}\n");
        for (ObjectNode item : items) {
            body.append("{\"type\":\"").append(item.has("aggregates") ? "sessions" : "session").append("\"}\n")
                    .append(item).append('\n');
        }
        HttpResponse<String> response = stack.post(envelopeUrl, body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** An update of the session this test calls {@code name}: the same sid every time it is reported. */
    private ObjectNode update(String name, boolean init, String status, int errors) {
        ObjectNode session = JSON.createObjectNode()
                .put("sid", sessionIds.computeIfAbsent(name, n -> UUID.randomUUID().toString().replace("-", "")))
                .put("init", init).put("status", status).put("errors", errors)
                .put("started", Instant.now().toString()).put("timestamp", Instant.now().toString());
        session.putObject("attrs").put("release", RELEASE).put("environment", "production");
        return session;
    }

    private static ObjectNode aggregate(long exited, long errored, long crashed) {
        ObjectNode sessions = JSON.createObjectNode();
        sessions.putArray("aggregates").addObject().put("started", Instant.now().truncatedTo(ChronoUnit.MINUTES)
                .toString()).put("exited", exited).put("errored", errored).put("crashed", crashed);
        sessions.putObject("attrs").put("release", RELEASE).put("environment", "production");
        return sessions;
    }

    private static ObjectNode sessions(long started, long exited, long errored, long crashed, long abnormal) {
        return JSON.createObjectNode().put("started", started).put("exited", exited).put("errored", errored)
                .put("crashed", crashed).put("abnormal", abnormal);
    }

    private static ObjectNode point(Instant time, long count, long users, ObjectNode sessions, Double errorRate,
                                    Double crashFreeRate) {
        ObjectNode point = JSON.createObjectNode().put("time", time.toString()).put("count", count).put("users", users);
        point.set("sessions", sessions);
        return point.put("error_rate", errorRate).put("crash_free_rate", crashFreeRate).putNull("errors_per_minute");
    }

    /** One issue whatever the amount: numbers in a message do not split it. */
    private static String paymentDeclined(int amount) {
        ObjectNode event = baseEvent("warning");
        event.put("message", "Payment of " + amount + " EUR declined");
        return event.toString();
    }
}
