package io.faultwatch.gateway;

import io.faultwatch.model.sentry.PiiScrubber;
import io.faultwatch.service.LivenessHandler;
import io.faultwatch.service.ReadinessHandler;
import io.faultwatch.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
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
    private static final AtomicInteger SHARED_FREE_PORTS = new AtomicInteger();

    private final Vertx vertx;
    private final String servers;
    private final int port;
    private final Pool pool;
    private final RecordProducer producer;
    private final Admin admin;

    private IngestGateway(Vertx vertx, String servers, int port, Pool pool, RecordProducer producer, Admin admin) {
        this.vertx = vertx;
        this.servers = servers;
        this.port = port;
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

        // Port 0 would give each server a free port of its own. A negative port makes Vert.x pick one free
        // port for all servers that name the same negative number, so each gateway names its own.
        int sharedPort = config.port() == 0 ? -SHARED_FREE_PORTS.incrementAndGet() : config.port();
        AtomicInteger boundPort = new AtomicInteger();
        return vertx.deployVerticle(() -> new HttpServerVerticle(router, config.host(), sharedPort, boundPort::set),
                        new DeploymentOptions().setInstances(config.eventLoops()))
                .map(servers -> new IngestGateway(vertx, servers, boundPort.get(), pool, producer, admin))
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

    /**
     * One HTTP server on the event loop of its deployment instance (the deployment of the servers, one
     * per configured event loop). Vert.x hands the connections of a shared port to its servers in turn,
     * so each loop handles its connections' requests from the socket to the answer (see {@link Ingestor}).
     */
    private static final class HttpServerVerticle extends VerticleBase {
        private final Router router;
        private final String host;
        private final int port;
        private final IntConsumer boundPort;

        HttpServerVerticle(Router router, String host, int port, IntConsumer boundPort) {
            this.router = router;
            this.host = host;
            this.port = port;
            this.boundPort = boundPort;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router)
                    .listen()
                    .onSuccess(server -> boundPort.accept(server.actualPort()));
        }
    }

    /** The port the servers listen on (the real one when the config asked for port 0). */
    public int port() {
        return port;
    }

    /** Stops taking requests, then flushes and closes the Kafka clients and the PostgreSQL pool. */
    public Future<Void> close() {
        return vertx.undeploy(servers)
                .compose(v -> vertx.executeBlocking(() -> {
                    producer.close();
                    admin.close(Duration.ofSeconds(5));
                    return null;
                }))
                .compose(v -> pool.close());
    }
}
