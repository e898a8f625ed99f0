package io.faultwatch.service;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Prometheus registry a service's {@code /metrics} serves, and the request-latency histogram both
 * services keep. Meters are looked up once per tag value and kept: registering (building the id, sorting
 * its tags, the registry's lookup and double-registration check) on every request cost more than recording.
 */
public final class ServiceMetrics {
    private static final Duration MIN_EXPECTED = Duration.ofMillis(1);
    private static final Duration MAX_EXPECTED = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry;
    // Keyed by "<name> <endpoint> <status>"; all come from bounded sets.
    private final ConcurrentHashMap<String, Timer> requests = new ConcurrentHashMap<>();

    public ServiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Vert.x reporting its own meters (pools, event loops, clients) into {@code registry}. Not its HTTP
     * server meters: they repeat the services' own request histogram ({@link #requestTimer}) and looked
     * up five meters by tags on every request, about 3% of the gateway's CPU per event in a profile.
     */
    public static Vertx vertxWithMetrics(PrometheusMeterRegistry registry) {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code GET /metrics} in the Prometheus text format. */
    public Handler<RoutingContext> scrapeHandler() {
        return PrometheusScrapingHandler.create(registry);
    }

    /** A latency histogram, so quantiles can be aggregated across instances. */
    public static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED);
    }

    /**
     * Times every request from arrival to the end of the response, as {@code name} tagged with endpoint and
     * status; the first handler of the router.
     *
     * @param endpoint a bounded set of tag values, never the raw path (paths carry ids and arbitrary input)
     */
    public Handler<RoutingContext> requestTimer(String name, Function<RoutingContext, String> endpoint) {
        return ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(done -> {
                String tag = endpoint.apply(ctx);
                int status = ctx.response().getStatusCode();
                requests.computeIfAbsent(name + " " + tag + " " + status, k -> histogram(name, "Time from request to response")
                                .tag("endpoint", tag)
                                .tag("status", Integer.toString(status))
                                .register(registry))
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            });
            ctx.next();
        };
    }
}
