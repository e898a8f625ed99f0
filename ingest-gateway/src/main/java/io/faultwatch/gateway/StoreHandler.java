package io.faultwatch.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/{project_id}/store/}: one Sentry event as JSON (optionally Content-Encoded), or
 * base64 of zlib-compressed JSON as older SDKs send it.
 */
public final class StoreHandler implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final Ingestor ingestor;
    private final EnvelopeRouter router;
    private final int maxEventBytes;

    StoreHandler(Authenticator authenticator, Ingestor ingestor, EnvelopeRouter router, int maxEventBytes) {
        this.authenticator = authenticator;
        this.ingestor = ingestor;
        this.router = router;
        this.maxEventBytes = maxEventBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = Authenticator.projectId(ctx);
        long receivedAt = System.currentTimeMillis();
        authenticator.authorize(Authenticator.requestKey(ctx), projectId)
                .compose(key -> {
                    IngestRequest request = Ingestor.request(ctx, key, receivedAt);
                    // Read here: the body may be decoded on a worker thread, which must not touch the request.
                    String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
                    byte[] sent = ctx.body().buffer().getBytes();
                    return ingestor.ingest(request, Ingestor.fitsEventLoop(sent.length, encoding),
                            () -> IngestBatch.of(router.event(
                            ContentDecoder.decodeStoreBody(encoding, sent, maxEventBytes), request, null, null)));
                })
                .onSuccess(eventId -> Responses.eventId(ctx, eventId))
                .onFailure(ctx::fail);
    }
}
