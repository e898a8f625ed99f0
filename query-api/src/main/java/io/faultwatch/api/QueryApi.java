package io.faultwatch.api;

import io.faultwatch.api.notify.AlertNotifier;
import io.faultwatch.service.LivenessHandler;
import io.faultwatch.service.ReadinessHandler;
import io.faultwatch.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running query API: its HTTP server, its stores, the publisher of issue commands and alert rules, and
 * (unless configured off) the alert notifier. {@link #start} is the programmatic entry
 * used by {@link QueryApiMain} and by other modules' integration tests.
 *
 * <p>Open to anyone: {@code /health}, {@code /ready}, {@code /metrics} (what orchestrators and Prometheus
 * poll; no tenant data) and {@code /api/v1/openapi.json}. Everything else under {@code /api/v1/} needs an
 * API token ({@link TokenAuthentication}) and sees only the token's organization ({@link TenantAccess}).
 */
public final class QueryApi {

    /** The first retention run waits this long, so it never slows a start. */
    static final Duration RETENTION_FIRST_DELAY = Duration.ofMinutes(1);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(3);
    /** Paths anyone may call, without a token. */
    static final Set<String> OPEN_PATHS = Set.of("/health", "/ready", "/metrics", OpenApiHandler.PATH);
    /**
     * The largest bodies any route takes, a bulk change of a hundred issues or an alert rule with ten channels
     * and twenty tags, are a few KB.
     */
    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final String ROUTE = "fw.route";

    private final Vertx vertx;
    private final HttpServer server;
    private final Router router;
    private final Pool postgres;
    private final MetricsStore metrics;
    private final KafkaPublisher publisher;
    private final AlertNotifier notifier;
    private final long retentionTimer;

    private QueryApi(Vertx vertx, HttpServer server, Router router, Pool postgres, MetricsStore metrics,
                     KafkaPublisher publisher, AlertNotifier notifier, long retentionTimer) {
        this.vertx = vertx;
        this.server = server;
        this.router = router;
        this.postgres = postgres;
        this.metrics = metrics;
        this.publisher = publisher;
        this.notifier = notifier;
        this.retentionTimer = retentionTimer;
    }

    /** With a registry of its own; /metrics then has the API's meters but not Vert.x's. */
    public static Future<QueryApi> start(Vertx vertx, QueryApiConfig config) {
        return start(vertx, config, ServiceMetrics.newRegistry());
    }

    public static Future<QueryApi> start(Vertx vertx, QueryApiConfig config, PrometheusMeterRegistry registry) {
        Pool postgres = IssueStore.pool(vertx, config.services());
        MetricsStore metrics = MetricsStore.create(vertx, config.services());
        KafkaPublisher publisher = KafkaPublisher.create(vertx, config.services());
        Router router = router(vertx, config, new ServiceMetrics(registry), postgres, metrics, publisher);
        // HTTP/1.1 only: Java's HttpClient asks to upgrade to h2c, and Vert.x's upgrade path at times sends the
        // rest of a large answer (the OpenAPI document, over 100 KB) as HTTP/1.1 bytes after the switch.
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                        .setHttp2ClearTextEnabled(false))
                .requestHandler(router)
                .listen()
                .map(server -> new QueryApi(vertx, server, router, postgres, metrics, publisher,
                        config.notifier().enabled() ? AlertNotifier.start(config.notifier().withPublicApiUrl(
                                "http://" + config.host() + ":" + server.actualPort()), config.services()) : null,
                        scheduleRetention(vertx, config, metrics)))
                .onFailure(e -> {
                    postgres.close();
                    metrics.close();
                    publisher.close();
                });
    }

    private static Router router(Vertx vertx, QueryApiConfig config, ServiceMetrics serviceMetrics, Pool postgres,
                                 MetricsStore metrics, KafkaPublisher publisher) {
        IssueStore issues = new IssueStore(postgres);
        TenantStore tenants = new TenantStore(postgres);
        Clock clock = Clock.systemUTC();
        Router router = Router.router(vertx);
        router.route().handler(serviceMetrics.requestTimer("fw.api.request", QueryApi::endpoint));
        open(router, "/health", new LivenessHandler());
        open(router, "/ready", new ReadinessHandler(Map.of(
                "postgres", () -> postgres.query("SELECT 1").execute(),
                "clickhouse", metrics::ping), READY_TIMEOUT));
        open(router, "/metrics", serviceMetrics.scrapeHandler());
        open(router, OpenApiHandler.PATH, new OpenApiHandler());

        // Read before the token is checked: the request must not stream on while that query runs.
        router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/api/v1/*").handler(new TokenAuthentication(tenants,
                new TokenRateLimiter(config.tokenRateLimitPerMinute()), System::nanoTime));
        router.route("/api/v1/organizations/:org_id").handler(TenantAccess.organization());
        router.route("/api/v1/organizations/:org_id/*").handler(TenantAccess.organization());
        router.route("/api/v1/projects/:id").handler(TenantAccess.project(tenants));
        router.route("/api/v1/projects/:id/*").handler(TenantAccess.project(tenants));

        String organization = "/api/v1/organizations/:org_id";
        add(router, HttpMethod.GET, "/api/v1/organizations", null, new OrganizationsHandler(tenants));
        add(router, HttpMethod.POST, "/api/v1/organizations", Scope.ADMIN,
                new CreateOrganizationHandler(tenants));
        add(router, HttpMethod.GET, organization, null, new OrganizationHandler(tenants));
        add(router, HttpMethod.GET, organization + "/projects", null, new ProjectsHandler(tenants));
        add(router, HttpMethod.POST, organization + "/projects", Scope.ADMIN,
                new CreateProjectHandler(tenants, config.gatewayUrl()));
        add(router, HttpMethod.GET, organization + "/tokens", Scope.ADMIN, new TokensHandler(tenants));
        add(router, HttpMethod.POST, organization + "/tokens", Scope.ADMIN,
                new CreateTokenHandler(tenants));
        add(router, HttpMethod.DELETE, organization + "/tokens/:token_id", Scope.ADMIN, new RevokeTokenHandler(tenants));

        String project = "/api/v1/projects/:id";
        add(router, HttpMethod.GET, project, null, new ProjectHandler(tenants));
        add(router, HttpMethod.GET, project + "/settings", null, new ProjectSettingsHandler(tenants));
        add(router, HttpMethod.PUT, project + "/settings", Scope.ADMIN,
                new UpdateProjectSettingsHandler(tenants));
        add(router, HttpMethod.GET, project + "/keys", null, new KeysHandler(tenants, config.gatewayUrl()));
        add(router, HttpMethod.POST, project + "/keys", Scope.ADMIN, new CreateKeyHandler(tenants, config.gatewayUrl()));
        add(router, HttpMethod.PUT, project + "/keys/:public_key", Scope.ADMIN,
                new UpdateKeyHandler(tenants, config.gatewayUrl()));
        add(router, HttpMethod.POST, project + "/keys/:public_key/rotate", Scope.ADMIN,
                new RotateKeyHandler(tenants, config.gatewayUrl()));
        add(router, HttpMethod.GET, project + "/issues", null, new IssuesHandler(issues));
        add(router, HttpMethod.PUT, project + "/issues", null,
                new BulkIssueUpdateHandler(issues, publisher, clock));
        add(router, HttpMethod.PUT, project + "/issues/:issue_id", null,
                new IssueUpdateHandler(issues, publisher, clock));
        add(router, HttpMethod.GET, project + "/issues/:issue_id/events", null, new IssueEventsHandler(issues, metrics));
        add(router, HttpMethod.GET, project + "/stats", null, new StatsHandler(issues, metrics, clock));
        add(router, HttpMethod.GET, project + "/top-issues", null, new TopIssuesHandler(issues, metrics, clock));
        add(router, HttpMethod.GET, "/api/v1/error-metrics", null, new ErrorMetricsHandler(tenants, metrics, clock));

        // Alert rules, published on fw.alert-rules for the job with every change, and the notifications sent.
        AlertStore alerts = new AlertStore(postgres);
        AlertLimits limits = config.alertLimits();
        String rules = project + "/alert-rules";
        add(router, HttpMethod.GET, rules, null, new AlertRulesHandler(alerts));
        add(router, HttpMethod.POST, rules, null, new CreateAlertRuleHandler(issues, alerts, publisher, limits));
        add(router, HttpMethod.GET, rules + "/:rule_id", null, new AlertRuleHandler(alerts));
        add(router, HttpMethod.PUT, rules + "/:rule_id", null,
                new ReplaceAlertRuleHandler(issues, alerts, publisher, limits));
        add(router, HttpMethod.DELETE, rules + "/:rule_id", null, new DeleteAlertRuleHandler(alerts, publisher));
        add(router, HttpMethod.PUT, rules + "/:rule_id/silence", null, new SilenceAlertRuleHandler(alerts, publisher));
        add(router, HttpMethod.GET, project + "/alert-history", null, new AlertHistoryHandler(alerts));

        router.route().failureHandler(JsonResponses::handleFailure);
        router.errorHandler(400, JsonResponses::malformedRequest);
        router.errorHandler(404, JsonResponses::routeNotFound);
        router.errorHandler(405, JsonResponses::methodNotAllowed);
        return router;
    }

    private static void open(Router router, String path, Handler<RoutingContext> handler) {
        router.get(path).handler(ctx -> {
            ctx.put(ROUTE, path);
            ctx.next();
        }).handler(handler);
    }

    /** One API route: named for the request metrics, with the scope it needs beyond the method's (null: none). */
    private static void add(Router router, HttpMethod method, String path, Scope scope, Handler<RoutingContext> handler) {
        Route route = router.route(method, path).handler(ctx -> {
            ctx.put(ROUTE, method.name() + " " + path);
            ctx.next();
        });
        if (scope != null) {
            route.handler(TokenAuthentication.require(scope));
        }
        route.handler(handler);
    }

    /** The route template that served the request, a bounded set of tag values; "other" when none did. */
    private static String endpoint(RoutingContext ctx) {
        String route = ctx.get(ROUTE);
        return route == null ? "other" : route;
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

    /** The routes as registered, for the test that holds them and the OpenAPI document to each other. */
    List<Route> routes() {
        return router.getRoutes();
    }

    public Future<Void> close() {
        if (retentionTimer >= 0) {
            vertx.cancelTimer(retentionTimer);
        }
        if (notifier != null) {
            notifier.close();
        }
        return server.close().eventually(() -> {
            metrics.close();
            publisher.close();
            return postgres.close();
        });
    }
}
