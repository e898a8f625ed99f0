package io.faultwatch.gateway;

import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.InvalidEventException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/{project_id}/envelope/}: what current SDKs send. The key comes from the auth
 * header or query; SDKs that can set neither put the DSN in the envelope header, so only then is the
 * body decoded before the request is authorized. {@link EnvelopeRouter} decides where the items go.
 */
public final class EnvelopeHandler implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final Ingestor ingestor;
    private final EnvelopeRouter router;
    private final int maxDecompressedBytes;

    EnvelopeHandler(Authenticator authenticator, Ingestor ingestor, EnvelopeRouter router, int maxDecompressedBytes) {
        this.authenticator = authenticator;
        this.ingestor = ingestor;
        this.router = router;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    private record Authorized(ProjectKey key, byte[] decodedBody) {}

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = Authenticator.projectId(ctx);
        long receivedAt = System.currentTimeMillis();
        String requestKey = Authenticator.requestKey(ctx);
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        Future<Authorized> authorized;
        if (requestKey != null) {
            authorized = authenticator.authorize(requestKey, projectId).map(key -> new Authorized(key, null));
        } else {
            byte[] body = decode(encoding, ctx.body().buffer().getBytes());
            authorized = authenticator.authorize(keyFromEnvelopeDsn(body), projectId).map(key -> new Authorized(key, body));
        }
        authorized
                .compose(a -> {
                    IngestRequest request = Ingestor.request(ctx, a.key(), receivedAt);
                    // Read here: the body may be decoded on a worker thread, which must not touch the request.
                    byte[] decoded = a.decodedBody();
                    byte[] sent = decoded == null ? ctx.body().buffer().getBytes() : null;
                    boolean small = Ingestor.fitsEventLoop(ctx.body().length(), encoding);
                    return ingestor.ingest(request, small, () -> router.route(
                            parse(decoded != null ? decoded : decode(encoding, sent)), request));
                })
                .onSuccess(eventId -> Responses.eventId(ctx, eventId))
                .onFailure(ctx::fail);
    }

    private byte[] decode(String encoding, byte[] sent) {
        return ContentDecoder.decode(encoding, sent, maxDecompressedBytes);
    }

    /** SDKs that can set neither a header nor the query put the DSN in the envelope header. */
    private static String keyFromEnvelopeDsn(byte[] body) {
        try {
            var dsn = Envelope.parseHeader(body).get("dsn");
            return dsn != null && dsn.isTextual() ? SentryAuth.keyFromDsn(dsn.asText()) : null;
        } catch (InvalidEventException e) {
            return null; // reported as a missing key; the body is parsed properly once authorized
        }
    }

    private static Envelope parse(byte[] body) {
        try {
            return Envelope.parse(body);
        } catch (InvalidEventException e) {
            throw new Rejection(400, e.getMessage(), e);
        }
    }
}
