package io.faultwatch.api;

import io.faultwatch.api.notify.AlertNotifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;

/**
 * The running query API: its HTTP server, its stores, the publisher of issue commands and alert rules, and
 * (unless configured off) the alert notifier. {@link #start} is the programmatic entry
 * used by {@link QueryApiMain} and by other modules' integration tests.
 */
public final class QueryApi {

    /** The first retention run waits this long, so it never slows a start. */
    static final Duration RETENTION_FIRST_DELAY = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final HttpServer server;
    private final IssueStore issues;
    private final MetricsStore metrics;
    private final AlertStore alerts;
    private final KafkaPublisher publisher;
    private final AlertNotifier notifier;
    private final long retentionTimer;

    private QueryApi(Vertx vertx, HttpServer server, IssueStore issues, MetricsStore metrics, AlertStore alerts,
                     KafkaPublisher publisher, AlertNotifier notifier, long retentionTimer) {
        this.vertx = vertx;
        this.server = server;
        this.issues = issues;
        this.metrics = metrics;
        this.alerts = alerts;
        this.publisher = publisher;
        this.notifier = notifier;
        this.retentionTimer = retentionTimer;
    }

    public static Future<QueryApi> start(Vertx vertx, QueryApiConfig config) {
        IssueStore issues = IssueStore.create(vertx, config.services());
        MetricsStore metrics = MetricsStore.create(vertx, config.services());
        AlertStore alerts = AlertStore.create(vertx, config.services());
        KafkaPublisher publisher = KafkaPublisher.create(vertx, config.services());
        Router router = router(vertx, issues, metrics, publisher);
        alertRoutes(router, issues, alerts, publisher, config.alertLimits());
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .map(server -> new QueryApi(vertx, server, issues, metrics, alerts, publisher,
                        config.notifier().enabled() ? AlertNotifier.start(config.notifier().withPublicApiUrl(
                                "http://" + config.host() + ":" + server.actualPort()), config.services()) : null,
                        scheduleRetention(vertx, config, metrics)))
                .onFailure(e -> {
                    issues.close();
                    metrics.close();
                    alerts.close();
                    publisher.close();
                });
    }

    /** Alert rules (published on fw.alert-rules for the job with every change) and the notifications sent. */
    private static void alertRoutes(Router router, IssueStore issues, AlertStore alerts, KafkaPublisher publisher,
                                    AlertLimits limits) {
        String rules = "/api/v1/projects/:id/alert-rules";
        router.get(rules).handler(new AlertRulesHandler(issues, alerts));
        router.post(rules)
                .handler(BodyHandler.create(false).setBodyLimit(CreateAlertRuleHandler.MAX_BODY_BYTES))
                .handler(new CreateAlertRuleHandler(issues, alerts, publisher, limits));
        router.get(rules + "/:rule_id").handler(new AlertRuleHandler(issues, alerts));
        router.put(rules + "/:rule_id")
                .handler(BodyHandler.create(false).setBodyLimit(CreateAlertRuleHandler.MAX_BODY_BYTES))
                .handler(new ReplaceAlertRuleHandler(issues, alerts, publisher, limits));
        router.delete(rules + "/:rule_id").handler(new DeleteAlertRuleHandler(issues, alerts, publisher));
        router.put(rules + "/:rule_id/silence")
                .handler(BodyHandler.create(false).setBodyLimit(SilenceAlertRuleHandler.MAX_BODY_BYTES))
                .handler(new SilenceAlertRuleHandler(issues, alerts, publisher));
        router.get("/api/v1/projects/:id/alert-history").handler(new AlertHistoryHandler(issues, alerts));
    }

    private static Router router(Vertx vertx, IssueStore issues, MetricsStore metrics, KafkaPublisher commands) {
        Router router = Router.router(vertx);
        router.get("/health").handler(new HealthHandler(issues, metrics));
        router.get("/api/v1/projects/:id/issues").handler(new IssuesHandler(issues));
        router.put("/api/v1/projects/:id/issues/:issue_id")
                .handler(BodyHandler.create(false).setBodyLimit(IssueUpdateHandler.MAX_BODY_BYTES))
                .handler(new IssueUpdateHandler(issues, commands, Clock.systemUTC()));
        router.get("/api/v1/projects/:id/issues/:issue_id/events").handler(new IssueEventsHandler(issues, metrics));
        router.get("/api/v1/projects/:id/stats").handler(new StatsHandler(issues, metrics, Clock.systemUTC()));
        router.get("/api/v1/projects/:id/top-issues").handler(new TopIssuesHandler(issues, metrics, Clock.systemUTC()));
        router.get("/api/v1/error-metrics").handler(new ErrorMetricsHandler(issues, metrics, Clock.systemUTC()));
        router.route().failureHandler(JsonResponses::handleFailure);
        router.errorHandler(400, JsonResponses::malformedRequest);
        router.errorHandler(404, JsonResponses::routeNotFound);
        router.errorHandler(405, JsonResponses::methodNotAllowed);
        return router;
    }

    /** The periodic retention run, or -1 when the configuration turns it off. */
    private static long scheduleRetention(Vertx vertx, QueryApiConfig config, MetricsStore metrics) {
        if (!config.runsRetention()) {
            return -1;
        }
        RetentionTask retention = new RetentionTask(metrics, config.services().clickhouseDatabase(), Clock.systemUTC());
        return vertx.setPeriodic(RETENTION_FIRST_DELAY.toMillis(), config.retentionInterval().toMillis(),
                id -> retention.run());
    }

    /** Whether the alert notifier runs and has its partitions of fw.alerts. */
    public boolean notifierReading() {
        return notifier != null && notifier.isReading();
    }

    /** The port the server is bound to; differs from the configured one when that was 0. */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        if (retentionTimer >= 0) {
            vertx.cancelTimer(retentionTimer);
        }
        if (notifier != null) {
            notifier.close();
        }
        return server.close().eventually(() -> {
            issues.close();
            metrics.close();
            alerts.close();
            publisher.close();
            return Future.succeededFuture();
        });
    }
}
