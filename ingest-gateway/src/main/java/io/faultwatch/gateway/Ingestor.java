package io.faultwatch.gateway;

import io.faultwatch.model.Outcome;
import io.vertx.core.Context;
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
 * <p>A small body ({@link #fitsEventLoop}) is handled on the event loop that received it (the gateway
 * runs one per core), any other on a worker thread. Decompressing, parsing, scrubbing and serializing
 * cost CPU in proportion to the body, so a large one must not hold up the other connections of its
 * loop; an SDK's event is 1-5 KB. Handing every body to a worker cost a queue, a wake-up and two
 * thread switches per event (about 6% of the gateway's CPU in a profile), and with a single event loop
 * it left a tenth of the two cores idle at saturation. Measured with the ingest benchmark on 2 cores:
 * 17,111 events/s at 80 µs of gateway CPU per event before, 20,578 at 73 after.
 * {@link RecordProducer#send} still leaves the loop when the producer might block.
 */
final class Ingestor {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    /** Uncompressed: parsed in well under a millisecond. The Node SDK sends bodies under 32 KiB plain. */
    static final int MAX_PLAIN_BYTES_ON_EVENT_LOOP = 64 * 1024;
    /**
     * Gzip or deflate: what the Java and Python SDKs send, an event in a few KB. Deflate expands at
     * most 1032:1, so even a crafted body stays within 8 MiB, milliseconds of work. Brotli has no such
     * bound and always goes to a worker.
     */
    static final int MAX_DEFLATED_BYTES_ON_EVENT_LOOP = 8 * 1024;

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
     * @param fitsEventLoop whether the body is small enough to handle on the event loop ({@link #fitsEventLoop})
     * @param body may run on a worker thread, so it must not touch the request (read headers and body first)
     */
    Future<String> ingest(IngestRequest request, boolean fitsEventLoop, Supplier<IngestBatch> body) {
        if (fitsEventLoop && Context.isOnEventLoopThread()) {
            try {
                return admit(request, body);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> admit(request, body), false).compose(acked -> acked);
    }

    /** Whether a body of this size as sent and this Content-Encoding is cheap enough for the event loop. */
    static boolean fitsEventLoop(int sentBytes, String contentEncoding) {
        return switch (ContentDecoder.coding(contentEncoding)) {
            case "identity" -> sentBytes <= MAX_PLAIN_BYTES_ON_EVENT_LOOP;
            case "gzip", "x-gzip", "deflate" -> sentBytes <= MAX_DEFLATED_BYTES_ON_EVENT_LOOP;
            default -> false;
        };
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
