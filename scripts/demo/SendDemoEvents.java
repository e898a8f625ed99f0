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
import java.util.Random;

/**
 * The demo's traffic: real errors thrown by small "services" and reported with the official
 * Sentry Java SDK to two FaultWatch projects, then read back from the query API once the
 * pipeline has counted every one of them.
 *
 * <p>Arguments: apiBaseUrl apiToken dsnProject1 dsnProject2 (the API answers only with a token).
 */
public class SendDemoEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random(42);

    public static void main(String[] args) throws Exception {
        Api api = new Api(args[0], args[1]);
        long backend = projectId(args[2]);
        long frontend = projectId(args[3]);
        // A second demo run adds to the first one's counts: wait for what was there plus this run.
        Counts backendBefore = api.counts(backend);
        Counts frontendBefore = api.counts(frontend);
        Counts backendSent = Counts.both(sendBackendErrors(args[2]));
        Counts frontendSent = Counts.both(sendFrontendErrors(args[3]));

        api.waitFor(backend, backendBefore.plus(backendSent));
        api.waitFor(frontend, frontendBefore.plus(frontendSent));
        api.print(backend);
        api.print(frontend);
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

    /** Events counted per project: by the issues (PostgreSQL) and by the per-minute stats (ClickHouse). */
    record Counts(long issues, long stats) {
        static Counts both(long n) {
            return new Counts(n, n);
        }

        Counts plus(Counts other) {
            return new Counts(issues + other.issues, stats + other.stats);
        }

        boolean reached(Counts target) {
            return issues >= target.issues && stats >= target.stats;
        }
    }

    static final class Api {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String token;
        // Fixed for the whole run, so the stats total only grows while we wait.
        private final long since = Instant.now().minus(Duration.ofMinutes(15)).getEpochSecond();

        Api(String base, String token) {
            this.base = base;
            this.token = token;
        }

        JsonNode get(String path) throws Exception {
            String url = base + path;
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        JsonNode issues(long project) throws Exception {
            return get("/api/v1/projects/" + project + "/issues?limit=1000").get("data");
        }

        JsonNode stats(long project) throws Exception {
            return get("/api/v1/projects/" + project + "/stats?since=" + since);
        }

        Counts counts(long project) throws Exception {
            long counted = 0;
            for (JsonNode issue : issues(project)) counted += issue.get("times_seen").asLong();
            return new Counts(counted, stats(project).get("total").asLong());
        }

        /** Polls until the pipeline has counted every event sent so far, in both stores. */
        void waitFor(long project, Counts expected) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Counts counted;
            while (!(counted = counts(project)).reached(expected)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("project " + project + ": the API shows " + counted
                            + " after 90 s, expected at least " + expected + "; see .faultwatch/logs/");
                }
                Thread.sleep(500);
            }
        }

        void print(long project) throws Exception {
            System.out.printf("%nIssues of project %d (GET /api/v1/projects/%d/issues):%n", project, project);
            System.out.printf("  %6s  %-7s  %-60s  %s%n", "events", "level", "title", "culprit");
            for (JsonNode issue : issues(project)) {
                System.out.printf("  %6d  %-7s  %-60s  %s%n", issue.get("times_seen").asLong(),
                        issue.get("level").asText(), truncate(issue.get("title").asText(), 60),
                        issue.path("culprit").asText(""));
            }
            JsonNode stats = stats(project);
            System.out.printf("Events per minute of project %d (GET /api/v1/projects/%d/stats), total %d:%n",
                    project, project, stats.get("total").asLong());
            for (JsonNode point : stats.get("series")) {
                if (point.get("count").asLong() > 0) {
                    System.out.printf("  %s  %d%n", point.get("time").asText(), point.get("count").asLong());
                }
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
