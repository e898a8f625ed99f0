package io.faultwatch.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: 200 when both databases answer, else 503, so scripts and orchestrators wait
 * for an API that can actually serve queries.
 */
final class HealthHandler implements Handler<RoutingContext> {

    private final IssueStore issues;
    private final MetricsStore metrics;

    HealthHandler(IssueStore issues, MetricsStore metrics) {
        this.issues = issues;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Future<Void> postgres = issues.ping();
        Future<Void> clickhouse = metrics.ping();
        Future.join(postgres, clickhouse).onComplete(done -> {
            boolean up = postgres.succeeded() && clickhouse.succeeded();
            JsonObject checks = new JsonObject()
                    .put("postgres", postgres.succeeded() ? "ok" : "down")
                    .put("clickhouse", clickhouse.succeeded() ? "ok" : "down");
            JsonResponses.sendJson(ctx, up ? 200 : 503,
                    new JsonObject().put("status", up ? "ok" : "unavailable").put("checks", checks));
        });
    }
}
