package io.faultwatch.gateway;

import io.faultwatch.model.sentry.PiiScrubber;
import io.faultwatch.service.LivenessHandler;
import io.faultwatch.service.ReadinessHandler;
import io.faultwatch.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: HTTP server, PostgreSQL pool for project keys, Kafka producer and the
 * Prometheus registry of /metrics. Started by {@link GatewayMain} and, in-process, by other
 * modules' integration tests.
 */
public final class IngestGateway {
    // Bounds the rate limiter's memory: more than enough for every active project times its categories.
    private static final int MAX_RATE_LIMIT_BUCKETS = 100_000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final Pool pool;
    private final RecordProducer producer;
    private final Admin admin;

    private IngestGateway(Vertx vertx, HttpServer server, Pool pool, RecordProducer producer, Admin admin) {
        this.vertx = vertx;
        this.server = server;
        this.pool = pool;
        this.producer = producer;
        this.admin = admin;
    }

    /** With a registry of its own; /metrics then has the gateway's meters but not Vert.x's. */
    public static Future<IngestGateway> start(Vertx vertx, GatewayConfig config) {
        return start(vertx, config, ServiceMetrics.newRegistry());
    }

    public static Future<IngestGateway> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry) {
        GatewayMetrics metrics = new GatewayMetrics(registry);
        Pool pool = postgresPool(vertx, config);
        RecordProducer producer = new RecordProducer(vertx, config.services().kafkaBootstrap(), config.kafkaTimeout(),
                config.retryAfter(), metrics);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.services().kafkaBootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "fw-ingest-gateway-ready"));
        Authenticator authenticator = new Authenticator(new ProjectKeyStore(pool, config.keyRefresh()));
        Ingestor ingestor = new Ingestor(vertx, producer,
                new RateLimiter(config.globalRateLimitPerMinute(), MAX_RATE_LIMIT_BUCKETS), metrics);
        EnvelopeRouter envelopes = new EnvelopeRouter(new PiiScrubber(ipHashSalt(config)), config.maxEventBytes());

        Router router = Router.router(vertx);
        router.route().handler(metrics.requestTimer());
        router.get("/health").handler(new LivenessHandler());
        router.get("/ready").handler(new ReadinessHandler(Map.of(
                "kafka", () -> kafkaReachable(vertx, admin),
                "postgres", () -> pool.query("SELECT 1").execute()), READY_TIMEOUT));
        router.get("/metrics").handler(metrics.scrapeHandler());
        router.route("/api/*").handler(cors(config));
        // SDKs send the trailing slash; hand-written clients often do not.
        router.postWithRegex("/api/(?<projectId>[^/]+)/store/?")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxEventBytes()))
                .handler(new StoreHandler(authenticator, ingestor, envelopes, config.maxEventBytes()))
                .failureHandler(new FailureHandler(config.maxEventBytes(), metrics));
        router.postWithRegex("/api/(?<projectId>[^/]+)/envelope/?")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxEnvelopeBytes()))
                .handler(new EnvelopeHandler(authenticator, ingestor, envelopes,
                        config.maxEnvelopeDecompressedBytes()))
                .failureHandler(new FailureHandler(config.maxEnvelopeBytes(), metrics));

        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .map(server -> new IngestGateway(vertx, server, pool, producer, admin))
                .onFailure(e -> {
                    pool.close();
                    producer.close();
                    admin.close();
                });
    }

    /** Succeeds when a broker answers; completes on the caller's context. */
    private static Future<Void> kafkaReachable(Vertx vertx, Admin admin) {
        Promise<Void> reachable = Promise.promise();
        var context = vertx.getOrCreateContext();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis()))
                .nodes()
                .whenComplete((nodes, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        reachable.fail(error);
                    } else if (nodes.isEmpty()) {
                        reachable.fail("no brokers");
                    } else {
                        reachable.complete();
                    }
                }));
        return reachable.future();
    }

    /**
     * Browser SDKs post cross-origin with fetch (Content-Type text/plain, so usually no preflight,
     * but X-Sentry-Auth or gzip trigger one) and must be able to read the rate-limit headers.
     */
    private static CorsHandler cors(GatewayConfig config) {
        CorsHandler cors = CorsHandler.create()
                .allowedMethods(Set.of(HttpMethod.POST, HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Content-Type", "Content-Encoding", Authenticator.AUTH_HEADER, "sentry-trace",
                        "baggage"))
                .exposedHeaders(Set.of("Retry-After", "X-Sentry-Rate-Limits"))
                .maxAgeSeconds(3600);
        if (!config.anyOrigin()) {
            cors.addOrigins(config.corsOrigins());
        }
        return cors;
    }

    /**
     * Without a configured salt, a random one: hashes are then safe but change with every restart,
     * so the same user gets a new hash (and the deployment should set one).
     */
    private static String ipHashSalt(GatewayConfig config) {
        if (config.ipHashSalt() != null) {
            return config.ipHashSalt();
        }
        LOG.warn("FW_GATEWAY_IP_HASH_SALT is not set: user IP hashes use a random salt and change on restart");
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    private static Pool postgresPool(Vertx vertx, GatewayConfig config) {
        PgConnectOptions connect = PgConnectOptions.fromUri(config.services().postgresUri());
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
    }

    /** The port the server listens on (the real one when the config asked for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops taking requests, then flushes and closes the Kafka clients and the PostgreSQL pool. */
    public Future<Void> close() {
        return server.close()
                .compose(v -> vertx.executeBlocking(() -> {
                    producer.close();
                    admin.close(Duration.ofSeconds(5));
                    return null;
                }))
                .compose(v -> pool.close());
    }
}
