package io.faultwatch.gateway;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.InvalidEventException;
import io.faultwatch.model.sentry.SentryEventConverter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/{project_id}/envelope/}: what current SDKs send. Event items are converted and
 * written to Kafka; every other item type (sessions, client reports, transactions, attachments, ...)
 * is accepted and dropped for now, because an SDK treats an error answer as a reason to retry or
 * back off.
 */
public final class EnvelopeHandler implements Handler<RoutingContext> {
    static final String EVENT = "event";

    private final Authenticator authenticator;
    private final EventProducer producer;
    private final int maxEventBytes;
    private final int maxEnvelopeBytes;

    public EnvelopeHandler(Authenticator authenticator, EventProducer producer, int maxEventBytes,
                           int maxEnvelopeBytes) {
        this.authenticator = authenticator;
        this.producer = producer;
        this.maxEventBytes = maxEventBytes;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = Authenticator.projectId(ctx);
        long receivedAt = System.currentTimeMillis();
        String requestKey = Authenticator.requestKey(ctx);
        Future<byte[]> authorizedBody = requestKey != null
                ? authenticator.authorize(requestKey, projectId).map(authorized -> decode(ctx))
                : Future.succeededFuture(decode(ctx)).compose(body ->
                        authenticator.authorize(keyFromEnvelopeDsn(body), projectId).map(body));
        authorizedBody
                .map(body -> parse(body))
                .compose(envelope -> {
                    List<ErrorEvent> events = events(envelope, projectId, receivedAt);
                    List<Future<Void>> sends = new ArrayList<>(events.size());
                    events.forEach(event -> sends.add(producer.send(event)));
                    String id = events.isEmpty() ? envelope.eventId() : events.get(0).eventId();
                    return Future.all(sends).map(id);
                })
                .onSuccess(eventId -> Responses.eventId(ctx, eventId))
                .onFailure(ctx::fail);
    }

    private byte[] decode(RoutingContext ctx) {
        return ContentDecoder.decode(ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING),
                ctx.body().buffer().getBytes(), maxEnvelopeBytes);
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

    private List<ErrorEvent> events(Envelope envelope, long projectId, long receivedAt) {
        List<ErrorEvent> events = new ArrayList<>();
        for (int i = 0; i < envelope.items().size(); i++) {
            Envelope.Item item = envelope.items().get(i);
            if (!item.type().equals(EVENT)) {
                continue;
            }
            if (item.payload().length > maxEventBytes) {
                throw new Rejection(413, "envelope item " + i + " (event) is " + item.payload().length
                        + " bytes, larger than the limit of " + maxEventBytes + " bytes");
            }
            try {
                events.add(SentryEventConverter.convert(item.payload(), projectId, receivedAt, envelope.eventId()));
            } catch (InvalidEventException e) {
                throw new Rejection(400, "envelope item " + i + " (event): " + e.getMessage(), e);
            }
        }
        return events;
    }
}
