package demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The demo's traffic: real errors thrown by small "services" and reported with the official
 * Sentry Java SDK to two FaultWatch projects, then read back from the query API once the
 * pipeline has counted every one of them.
 *
 * <p>Arguments: apiBaseUrl dsnProject1 dsnProject2.
 */
public class SendDemoEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random(42);

    public static void main(String[] args) throws Exception {
        String api = args[0];
        HttpClient http = HttpClient.newHttpClient();
        long backend = projectId(args[1]);
        long frontend = projectId(args[2]);
        // A second demo run adds to the first one's issues: wait for what was there plus this run.
        Map<Long, Long> expected = new LinkedHashMap<>();
        expected.put(backend, countedEvents(http, api, backend) + sendBackendErrors(args[1]));
        expected.put(frontend, countedEvents(http, api, frontend) + sendFrontendErrors(args[2]));

        Instant since = Instant.now().minus(Duration.ofMinutes(10));
        for (Map.Entry<Long, Long> project : expected.entrySet()) {
            JsonNode issues = waitForCount(http, api, project.getKey(), project.getValue());
            printIssues(project.getKey(), issues);
            printStats(http, api, project.getKey(), since);
        }
    }

    private static int sendBackendErrors(String dsn) {
        init(dsn, "checkout-api@2.4.1", "backend-1");
        int n = 0;
        for (String raw : new String[] {"ten", "3x", "ten", "", "1e3"}) {
            capture(() -> OrderService.parseQuantity(raw));
            n++;
        }
        for (int i = 0; i < 4; i++, n++) capture(() -> CheckoutService.applyCoupon(null));
        for (int i = 0; i < 6; i++, n++) capture(() -> PaymentClient.charge(1000 + RANDOM.nextInt(5000)));
        for (int i = 0; i < 3; i++, n++) {
            Sentry.captureMessage("User " + (1000 + RANDOM.nextInt(9000)) + " failed to log in", SentryLevel.WARNING);
        }
        close();
        System.out.printf("sent %d events to project 1 (backend) with the Sentry Java SDK%n", n);
        return n;
    }

    private static int sendFrontendErrors(String dsn) {
        init(dsn, "storefront@7.0.3", "web-2");
        int n = 0;
        for (int i = 0; i < 4; i++, n++) capture(() -> ReportRenderer.average(new int[0]));
        for (int index : new int[] {2, 3, 5}) {
            capture(() -> CartView.itemAt(new String[] {"book"}, index));
            n++;
        }
        for (int i = 0; i < 2; i++, n++) {
            Sentry.captureMessage("Image cdn-" + (i + 3) + ".example.com timed out after " + (700 + i * 91) + " ms");
        }
        close();
        System.out.printf("sent %d events to project 2 (frontend) with the Sentry Java SDK%n", n);
        return n;
    }

    private static void init(String dsn, String release, String serverName) {
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease(release);
            options.setEnvironment("demo");
            options.setServerName(serverName);
            options.addInAppInclude("demo");
            // The SDK drops events beyond its queue; the demo sends a burst and must lose none.
            options.setMaxQueueSize(1000);
        });
    }

    private static void close() {
        Sentry.flush(15_000);
        Sentry.close();
    }

    private static void capture(Runnable failing) {
        try {
            failing.run();
        } catch (RuntimeException e) {
            Sentry.captureException(e);
        }
    }

    private static long projectId(String dsn) {
        return Long.parseLong(dsn.substring(dsn.lastIndexOf('/') + 1));
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode issues(HttpClient http, String api, long project) throws Exception {
        return get(http, api + "/api/v1/projects/" + project + "/issues?limit=1000").get("data");
    }

    private static long countedEvents(HttpClient http, String api, long project) throws Exception {
        return sum(issues(http, api, project));
    }

    private static long sum(JsonNode issues) {
        long counted = 0;
        for (JsonNode issue : issues) counted += issue.get("times_seen").asLong();
        return counted;
    }

    /** Polls the issues until the pipeline has counted every event sent so far. */
    private static JsonNode waitForCount(HttpClient http, String api, long project, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode issues = issues(http, api, project);
            long counted = sum(issues);
            if (counted >= expected) return issues;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("project " + project + ": the API shows " + counted
                        + " events after 90 s, expected at least " + expected + "; see .faultwatch/logs/");
            }
            Thread.sleep(500);
        }
    }

    private static void printIssues(long project, JsonNode issues) {
        System.out.printf("%nIssues of project %d (GET /api/v1/projects/%d/issues):%n", project, project);
        System.out.printf("  %6s  %-7s  %-60s  %s%n", "events", "level", "title", "culprit");
        for (JsonNode issue : issues) {
            System.out.printf("  %6d  %-7s  %-60s  %s%n", issue.get("times_seen").asLong(), issue.get("level").asText(),
                    truncate(issue.get("title").asText(), 60), issue.path("culprit").asText(""));
        }
    }

    private static void printStats(HttpClient http, String api, long project, Instant since) throws Exception {
        String url = api + "/api/v1/projects/" + project + "/stats?since=" + since.getEpochSecond();
        JsonNode stats = get(http, url);
        System.out.printf("Per-minute events of project %d (GET /api/v1/projects/%d/stats), total %d:%n",
                project, project, stats.get("total").asLong());
        for (JsonNode point : stats.get("series")) {
            if (point.get("count").asLong() > 0) {
                System.out.printf("  %s  %d%n", point.get("time").asText(), point.get("count").asLong());
            }
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

class OrderService {
    static int parseQuantity(String raw) {
        return Integer.parseInt(raw);
    }
}

class CheckoutService {
    static int applyCoupon(String code) {
        return code.trim().length();
    }
}

class PaymentClient {
    static void charge(int timeoutMs) {
        throw new IllegalStateException("Payment provider timed out after " + timeoutMs + " ms");
    }
}

class ReportRenderer {
    static int average(int[] values) {
        int sum = 0;
        for (int v : values) sum += v;
        return sum / values.length;
    }
}

class CartView {
    static String itemAt(String[] items, int index) {
        return items[index];
    }
}
