package io.faultwatch.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The running query API: its HTTP server, both stores and the publisher of issue commands. {@link #start} is the programmatic entry
 * used by {@link QueryApiMain} and by other modules' integration tests.
 */
public final class QueryApi {

    private final HttpServer server;
    private final IssueStore issues;
    private final MetricsStore metrics;
    private final IssueCommandPublisher commands;

    private QueryApi(HttpServer server, IssueStore issues, MetricsStore metrics, IssueCommandPublisher commands) {
        this.server = server;
        this.issues = issues;
        this.metrics = metrics;
        this.commands = commands;
    }

    public static Future<QueryApi> start(Vertx vertx, QueryApiConfig config) {
        IssueStore issues = IssueStore.create(vertx, config.services());
        MetricsStore metrics = MetricsStore.create(vertx, config.services());
        IssueCommandPublisher commands = IssueCommandPublisher.create(vertx, config.services());
        Router router = router(vertx, issues, metrics, commands);
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .map(server -> new QueryApi(server, issues, metrics, commands))
                .onFailure(e -> {
                    issues.close();
                    metrics.close();
                    commands.close();
                });
    }

    private static Router router(Vertx vertx, IssueStore issues, MetricsStore metrics, IssueCommandPublisher commands) {
        Router router = Router.router(vertx);
        router.get("/health").handler(new HealthHandler(issues, metrics));
        router.get("/api/v1/projects/:id/issues").handler(new IssuesHandler(issues));
        router.put("/api/v1/projects/:id/issues/:issue_id")
                .handler(BodyHandler.create(false).setBodyLimit(IssueUpdateHandler.MAX_BODY_BYTES))
                .handler(new IssueUpdateHandler(issues, commands, Clock.systemUTC()));
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
            commands.close();
            return Future.succeededFuture();
        });
    }
}
