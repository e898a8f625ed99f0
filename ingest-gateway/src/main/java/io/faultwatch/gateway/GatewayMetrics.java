package io.faultwatch.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own meters, in the Prometheus registry that {@code /metrics} serves (with Vert.x's
 * meters when {@link GatewayMain} created Vert.x with it): accepted items by data category, refused
 * requests by reason, request latency per endpoint and Kafka send latency per topic, the latencies
 * as histograms so quantiles can be aggregated across instances.
 */
final class GatewayMetrics {
    private static final Duration MIN_EXPECTED = Duration.ofMillis(1);
    private static final Duration MAX_EXPECTED = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry;

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
        Counter.builder("fw.gateway.events.accepted")
                .description("Items taken into Kafka, by Sentry data category")
                .tag("category", category)
                .register(registry)
                .increment(quantity);
    }

    void rejected(String reason) {
        Counter.builder("fw.gateway.events.rejected")
                .description("Requests refused, by reason (unauthorized, too_large, rate_limited, unavailable, ...)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void kafkaSend(String topic, long nanos) {
        histogram("fw.gateway.kafka.send", "Time from send to acknowledgement by all in-sync replicas")
                .tag("topic", topic)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Times every request from arrival to the end of the response; first handler of the router. */
    Handler<RoutingContext> requestTimer() {
        return ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(done -> histogram("fw.gateway.request", "Time from request to response")
                    .tag("endpoint", endpoint(ctx.request().path()))
                    .tag("status", Integer.toString(ctx.response().getStatusCode()))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            ctx.next();
        };
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
