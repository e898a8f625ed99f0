package io.faultwatch.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * {@code GET /ready}: 200 when both Kafka (a broker answers) and PostgreSQL (a query runs) can be
 * reached within the timeout, else 503; the body says which is down, for whoever is looking.
 */
final class ReadyHandler implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final Admin kafka;
    private final Pool postgres;
    private final Duration timeout;

    ReadyHandler(Vertx vertx, Admin kafka, Pool postgres, Duration timeout) {
        this.vertx = vertx;
        this.kafka = kafka;
        this.postgres = postgres;
        this.timeout = timeout;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Future<String> kafkaState = kafka();
        Future<String> postgresState = postgres();
        Future.join(kafkaState, postgresState).onComplete(done -> {
            boolean ready = kafkaState.succeeded() && postgresState.succeeded();
            JsonObject body = new JsonObject()
                    .put("status", ready ? "ready" : "not ready")
                    .put("kafka", state(kafkaState))
                    .put("postgres", state(postgresState));
            ctx.response().setStatusCode(ready ? 200 : 503)
                    .putHeader("Content-Type", "application/json")
                    .end(body.encode());
        });
    }

    private Future<String> kafka() {
        Promise<String> reachable = Promise.promise();
        var context = vertx.getOrCreateContext();
        kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                .nodes()
                .whenComplete((nodes, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        reachable.fail(error);
                    } else if (nodes.isEmpty()) {
                        reachable.fail("no brokers");
                    } else {
                        reachable.complete("up");
                    }
                }));
        return reachable.future();
    }

    private Future<String> postgres() {
        return postgres.query("SELECT 1").execute()
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .map("up");
    }

    private static String state(Future<String> probe) {
        return probe.succeeded() ? probe.result() : "down: " + probe.cause().getMessage();
    }
}
