package io.faultwatch.gateway;

import io.faultwatch.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the gateway until the process is stopped; configured by environment variables (see {@link GatewayConfig}). */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
    private static final int TIMEOUT_SECONDS = 30;

    private GatewayMain() {}

    public static void main(String[] args) {
        GatewayConfig config = GatewayConfig.fromEnv(System.getenv());
        // One registry for Vert.x's own meters (pools, event loops, clients) and the gateway's.
        PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
        Vertx vertx = ServiceMetrics.vertxWithMetrics(registry);
        IngestGateway gateway;
        try {
            gateway = await(IngestGateway.start(vertx, config, registry));
        } catch (IllegalStateException e) {
            LOG.error("ingest gateway could not start on {}:{}", config.host(), config.port(), e);
            vertx.close();
            System.exit(1);
            return;
        }
        LOG.info("ingest gateway listening on http://{}:{} (Kafka {}, PostgreSQL {}:{})", config.host(),
                gateway.port(), config.services().kafkaBootstrap(), config.services().postgresHost(),
                config.services().postgresPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("ingest gateway stopping");
            // Waited on from this plain thread: a callback on a Vert.x context would run on an event
            // loop that vertx.close() is shutting down.
            try {
                await(gateway.close());
            } finally {
                await(vertx.close());
            }
        }, "gateway-shutdown"));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
