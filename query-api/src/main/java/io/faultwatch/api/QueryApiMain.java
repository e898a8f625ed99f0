package io.faultwatch.api;

import io.faultwatch.service.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the query API until the process is stopped. Configuration: see {@link QueryApiConfig#fromEnv}. */
public final class QueryApiMain {

    private static final Logger LOG = LoggerFactory.getLogger(QueryApiMain.class);

    private QueryApiMain() {
    }

    public static void main(String[] args) throws Exception {
        QueryApiConfig config = QueryApiConfig.fromEnv(System.getenv());
        // One registry for Vert.x's own meters (pools, event loops, clients) and the API's.
        PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
        Vertx vertx = ServiceMetrics.vertxWithMetrics(registry);
        QueryApi api;
        try {
            api = QueryApi.start(vertx, config, registry).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("query-api could not start on {}:{}", config.host(), config.port(), e);
            vertx.close();
            System.exit(1);
            return;
        }
        LOG.info("query-api listening on http://{}:{} (PostgreSQL {}:{}, ClickHouse {})", config.host(), api.port(),
                config.services().postgresHost(), config.services().postgresPort(), config.services().clickhouseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("query-api stopping");
            try {
                // One after the other: a continuation of api.close() would be scheduled on an event loop
                // that vertx.close() has already shut down.
                api.close().await(10, TimeUnit.SECONDS);
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("query-api did not shut down cleanly", e);
            }
        }, "query-api-shutdown"));
    }
}
