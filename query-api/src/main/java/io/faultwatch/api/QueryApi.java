package io.faultwatch.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The running query API: its HTTP server and both stores. {@link #start} is the programmatic entry
 * used by {@link QueryApiMain} and by other modules' integration tests.
 */
public final class QueryApi {

    private final HttpServer server;
    private final IssueStore issues;
    private final MetricsStore metrics;

    private QueryApi(HttpServer server, IssueStore issues, MetricsStore metrics) {
        this.server = server;
        this.issues = issues;
        this.metrics = metrics;
    }

    public static Future<QueryApi> start(Vertx vertx, QueryApiConfig config) {
        IssueStore issues = IssueStore.create(vertx, config.services());
        MetricsStore metrics = MetricsStore.create(vertx, config.services());
        Router router = router(vertx, issues, metrics);
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .map(server -> new QueryApi(server, issues, metrics))
                .onFailure(e -> {
                    issues.close();
                    metrics.close();
                });
    }

    private static Router router(Vertx vertx, IssueStore issues, MetricsStore metrics) {
        Router router = Router.router(vertx);
        router.get("/health").handler(new HealthHandler(issues, metrics));
        router.get("/api/v1/projects/:id/issues").handler(new IssuesHandler(issues));
        router.get("/api/v1/projects/:id/stats").handler(new StatsHandler(issues, metrics, Clock.systemUTC()));
        router.route().failureHandler(JsonResponses::handleFailure);
        router.errorHandler(400, JsonResponses::malformedRequest);
        router.errorHandler(404, JsonResponses::routeNotFound);
        router.errorHandler(405, JsonResponses::methodNotAllowed);
        return router;
    }

    /** The port the server is bound to; differs from the configured one when that was 0. */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close().eventually(() -> {
            issues.close();
            metrics.close();
            return Future.succeededFuture();
        });
    }
}
