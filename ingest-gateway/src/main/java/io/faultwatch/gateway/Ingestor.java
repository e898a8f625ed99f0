package io.faultwatch.gateway;

import io.faultwatch.model.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of an authorized request both ingest endpoints share: turn the body into a batch,
 * apply the rate limits and the project's sampling, write the batch to Kafka and count what happened. A refusal caused by the
 * data (invalid, too large, rate limited) is written to fw.outcomes; that write does not delay the
 * answer, and its failure is logged, never turned into an error for the SDK.
 *
 * <p>All of it runs on a worker thread, never on the event loop: decompressing, parsing, scrubbing
 * and serializing cost CPU in proportion to the body (up to the decompressed envelope limit), and
 * producer.send() may block while it waits for metadata. The event loop then only moves bytes, no
 * connection waits behind another's large event, and the work spreads over all cores (profiled: it
 * was three quarters of the one event loop's time, which capped the gateway at one core).
 */
final class Ingestor {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

    private final Vertx vertx;
    private final RecordProducer producer;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;

    Ingestor(Vertx vertx, RecordProducer producer, RateLimiter limiter, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.producer = producer;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    static IngestRequest request(RoutingContext ctx, ProjectKey key, long receivedAt) {
        SocketAddress remote = ctx.request().remoteAddress();
        return new IngestRequest(key.projectId(), receivedAt, key.settings(), remote == null ? null : remote.hostAddress());
    }

    /**
     * Completes with the event id to answer with (or null) once Kafka acknowledged every record.
     *
     * @param body runs on a worker thread, so it must not touch the request (read headers and body first)
     */
    Future<String> ingest(IngestRequest request, Supplier<IngestBatch> body) {
        return vertx.executeBlocking(() -> admit(request, body), false).compose(acked -> acked);
    }

    private Future<String> admit(IngestRequest request, Supplier<IngestBatch> body) {
        IngestBatch batch;
        try {
            batch = body.get();
        } catch (Rejection rejection) {
            if (rejection.invalidData()) {
                recordRefusal(List.of(new Outcome(request.projectId(), request.receivedAt(), EnvelopeRouter.ERROR,
                        Outcome.INVALID, rejection.reason(), 1)));
            }
            return Future.failedFuture(rejection);
        }
        RateLimiter.Decision decision = limiter.acquire(request.projectId(), request.settings().rateLimitPerMinute(),
                batch.limited(), System.nanoTime());
        if (!decision.allowed()) {
            RateLimiter.Limit first = decision.limits().get(0);
            recordRefusal(batch.refused(request.projectId(), request.receivedAt(), Outcome.RATE_LIMITED,
                    first.reason()));
            return Future.failedFuture(new Rejection(429, "rate limit reached for " + describe(decision)
                    + "; retry after " + decision.retryAfterSeconds() + " s", null, Map.of(
                    "Retry-After", Long.toString(decision.retryAfterSeconds()),
                    "X-Sentry-Rate-Limits", decision.sentryHeader())));
        }
        IngestBatch sampled = batch.sampled(request.projectId(), request.receivedAt(), request.settings().sampleRate());
        return producer.send(sampled).map(sent -> {
            sampled.quantities().forEach(metrics::accepted);
            return sampled.responseId();
        });
    }

    private static String describe(RateLimiter.Decision decision) {
        return String.join(", ", decision.limits().stream()
                .map(l -> l.category() + " (" + l.reason() + ")").distinct().toList());
    }

    private void recordRefusal(List<Outcome> outcomes) {
        producer.send(outcomes.stream().map(RecordProducer::record).toList())
                .onFailure(e -> LOG.warn("outcomes of a refused request were not written: {}", e.getMessage()));
    }
}
