package io.faultwatch.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed request into Sentry's {@code {"detail": ...}} answer with the right status. */
final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    // BodyHandler fails with a bare 413, so the route's limit is needed to say what the limit is.
    private final int bodyLimit;
    private final GatewayMetrics metrics;

    FailureHandler(int bodyLimit, GatewayMetrics metrics) {
        this.bodyLimit = bodyLimit;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        int status;
        String detail;
        if (failure instanceof Rejection rejection) {
            status = rejection.status();
            detail = rejection.getMessage();
            rejection.headers().forEach(ctx.response()::putHeader);
        } else if (failure == null && ctx.statusCode() == 413) {
            status = 413;
            detail = ContentDecoder.tooLarge(bodyLimit).getMessage();
        } else if (failure == null && ctx.statusCode() >= 400) {
            status = ctx.statusCode();
            detail = HttpResponseStatus.valueOf(status).reasonPhrase();
        } else {
            status = 500;
            detail = "internal error";
        }
        if (status >= 500) {
            LOG.warn("{} {} -> {}: {}", ctx.request().method(), ctx.request().path(), status, detail, failure);
        } else {
            LOG.debug("{} {} -> {}: {}", ctx.request().method(), ctx.request().path(), status, detail);
        }
        metrics.rejected(Rejection.reason(status));
        Responses.detail(ctx, status, detail);
    }
}
