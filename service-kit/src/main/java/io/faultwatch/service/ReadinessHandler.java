package io.faultwatch.service;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /ready}: 200 when every service the process needs answers within the timeout, else 503;
 * the body says which is down ({@code {"status":"ready","postgres":"up",...}}), for whoever is looking.
 */
public final class ReadinessHandler implements Handler<RoutingContext> {
    private final Map<String, Supplier<Future<?>>> probes;
    private final Duration timeout;

    /** @param probes by the name the body reports them under; each succeeds when its service answered */
    public ReadinessHandler(Map<String, Supplier<Future<?>>> probes, Duration timeout) {
        this.probes = new LinkedHashMap<>(probes);
        this.timeout = timeout;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Map<String, Future<?>> running = new LinkedHashMap<>();
        probes.forEach((name, probe) -> running.put(name, start(probe).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        List<Future<?>> all = new ArrayList<>(running.values());
        Future.join(all).onComplete(done -> {
            boolean ready = all.stream().allMatch(Future::succeeded);
            JsonObject body = new JsonObject().put("status", ready ? "ready" : "not ready");
            running.forEach((name, probe) ->
                    body.put(name, probe.succeeded() ? "up" : "down: " + probe.cause().getMessage()));
            ctx.response().setStatusCode(ready ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(body.encode());
        });
    }

    /** A probe that throws instead of failing its future is as down as one that fails. */
    private static Future<?> start(Supplier<Future<?>> probe) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
