package io.faultwatch.gateway;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.sentry.InvalidEventException;
import io.faultwatch.model.sentry.SentryEventConverter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/{project_id}/store/}: one Sentry event as JSON, optionally compressed. */
public final class StoreHandler implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final EventProducer producer;
    private final int maxEventBytes;

    public StoreHandler(Authenticator authenticator, EventProducer producer, int maxEventBytes) {
        this.authenticator = authenticator;
        this.producer = producer;
        this.maxEventBytes = maxEventBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = Authenticator.projectId(ctx);
        long receivedAt = System.currentTimeMillis();
        authenticator.authorize(Authenticator.requestKey(ctx), projectId)
                .map(authorized -> convert(ctx, projectId, receivedAt))
                .compose(event -> producer.send(event).map(event.eventId()))
                .onSuccess(eventId -> Responses.eventId(ctx, eventId))
                .onFailure(ctx::fail);
    }

    private ErrorEvent convert(RoutingContext ctx, long projectId, long receivedAt) {
        byte[] json = ContentDecoder.decode(ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING),
                ctx.body().buffer().getBytes(), maxEventBytes);
        try {
            return SentryEventConverter.convert(json, projectId, receivedAt, null);
        } catch (InvalidEventException e) {
            throw new Rejection(400, e.getMessage(), e);
        }
    }
}
