package io.faultwatch.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The running gateway: HTTP server, PostgreSQL pool for project keys and Kafka producer. Started
 * by {@link GatewayMain} and, in-process, by other modules' integration tests.
 */
public final class IngestGateway {
    private final Vertx vertx;
    private final HttpServer server;
    private final Pool pool;
    private final EventProducer producer;

    private IngestGateway(Vertx vertx, HttpServer server, Pool pool, EventProducer producer) {
        this.vertx = vertx;
        this.server = server;
        this.pool = pool;
        this.producer = producer;
    }

    public static Future<IngestGateway> start(Vertx vertx, GatewayConfig config) {
        Pool pool = postgresPool(vertx, config);
        EventProducer producer = new EventProducer(vertx, config.services().kafkaBootstrap(), config.kafkaTimeout());
        Authenticator authenticator = new Authenticator(new ProjectKeyStore(pool, config.keyCacheTtl()));

        Router router = Router.router(vertx);
        router.get("/health").handler(new HealthHandler());
        // SDKs send the trailing slash; hand-written clients often do not.
        router.postWithRegex("/api/(?<projectId>[^/]+)/store/?")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxEventBytes()))
                .handler(new StoreHandler(authenticator, producer, config.maxEventBytes()))
                .failureHandler(new FailureHandler(config.maxEventBytes()));
        router.postWithRegex("/api/(?<projectId>[^/]+)/envelope/?")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxEnvelopeBytes()))
                .handler(new EnvelopeHandler(authenticator, producer, config.maxEventBytes(), config.maxEnvelopeBytes()))
                .failureHandler(new FailureHandler(config.maxEnvelopeBytes()));

        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .map(server -> new IngestGateway(vertx, server, pool, producer))
                .onFailure(e -> {
                    pool.close();
                    producer.close();
                });
    }

    private static Pool postgresPool(Vertx vertx, GatewayConfig config) {
        PgConnectOptions connect = PgConnectOptions.fromUri(config.services().postgresUri());
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
    }

    /** The port the server listens on (the real one when the config asked for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops taking requests, then flushes and closes the Kafka producer and the PostgreSQL pool. */
    public Future<Void> close() {
        return server.close()
                .compose(v -> vertx.executeBlocking(() -> {
                    producer.close();
                    return null;
                }))
                .compose(v -> pool.close());
    }
}
