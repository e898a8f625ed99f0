package io.faultwatch.gateway;

import io.faultwatch.service.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own meters, in the Prometheus registry that {@code /metrics} serves (with Vert.x's
 * meters when {@link GatewayMain} created Vert.x with it): accepted items by data category, refused
 * requests by reason, request latency per endpoint and Kafka send latency per topic, the latencies
 * as histograms ({@link ServiceMetrics#histogram}). Meters are looked up once per tag value and kept.
 */
final class GatewayMetrics {
    private final ServiceMetrics service;
    private final PrometheusMeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> accepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> kafkaSends = new ConcurrentHashMap<>();

    GatewayMetrics(PrometheusMeterRegistry registry) {
        this.service = new ServiceMetrics(registry);
        this.registry = registry;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    Handler<RoutingContext> scrapeHandler() {
        return service.scrapeHandler();
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
        kafkaSends.computeIfAbsent(topic, t -> ServiceMetrics.histogram("fw.gateway.kafka.send",
                        "Time from send to acknowledgement by all in-sync replicas")
                        .tag("topic", t)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Times every request from arrival to the end of the response; first handler of the router. */
    Handler<RoutingContext> requestTimer() {
        return service.requestTimer("fw.gateway.request", ctx -> endpoint(ctx.request().path()));
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
}
