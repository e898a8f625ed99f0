package io.faultwatch.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own meters, in the Prometheus registry that {@code /metrics} serves (with Vert.x's
 * meters when {@link GatewayMain} created Vert.x with it): accepted items by data category, refused
 * requests by reason, request latency per endpoint and Kafka send latency per topic, the latencies
 * as histograms so quantiles can be aggregated across instances.
 *
 * <p>Meters are looked up once per tag value and kept: registering (building the id, sorting its
 * tags, the registry's lookup and double-registration check) on every request cost more than
 * recording.
 */
final class GatewayMetrics {
    private static final Duration MIN_EXPECTED = Duration.ofMillis(1);
    private static final Duration MAX_EXPECTED = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> accepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> kafkaSends = new ConcurrentHashMap<>();
    // Keyed by "<endpoint> <status>"; both come from bounded sets.
    private final ConcurrentHashMap<String, Timer> requests = new ConcurrentHashMap<>();

    GatewayMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void accepted(String category, long quantity) {
        accepted.computeIfAbsent(category, c -> Counter.builder("fw.gateway.events.accepted")
                        .description("Items taken into Kafka, by Sentry data category")
                        .tag("category", c)
                        .register(registry))
                .increment(quantity);
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("fw.gateway.events.rejected")
                        .description("Requests refused, by reason (unauthorized, too_large, rate_limited, unavailable, ...)")
                        .tag("reason", r)
                        .register(registry))
                .increment();
    }

    void kafkaSend(String topic, long nanos) {
        kafkaSends.computeIfAbsent(topic, t -> histogram("fw.gateway.kafka.send",
                        "Time from send to acknowledgement by all in-sync replicas")
                        .tag("topic", t)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Times every request from arrival to the end of the response; first handler of the router. */
    Handler<RoutingContext> requestTimer() {
        return ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(done -> requestTimer(endpoint(ctx.request().path()), ctx.response().getStatusCode())
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            ctx.next();
        };
    }

    private Timer requestTimer(String endpoint, int status) {
        return requests.computeIfAbsent(endpoint + " " + status, k -> histogram("fw.gateway.request",
                "Time from request to response")
                .tag("endpoint", endpoint)
                .tag("status", Integer.toString(status))
                .register(registry));
    }

    /** A bounded set of tag values: paths carry project ids and arbitrary input. */
    static String endpoint(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/api/")) {
            if (path.endsWith("/envelope/") || path.endsWith("/envelope")) {
                return "envelope";
            }
            if (path.endsWith("/store/") || path.endsWith("/store")) {
                return "store";
            }
        }
        return switch (path) {
            case "/health", "/ready", "/metrics" -> path.substring(1);
            default -> "other";
        };
    }

    private static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED);
    }
}
