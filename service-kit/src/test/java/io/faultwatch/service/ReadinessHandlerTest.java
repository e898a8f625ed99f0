package io.faultwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessHandlerTest {
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void readyWhenEveryProbeSucceeds() throws Exception {
        Map<String, Supplier<Future<?>>> probes = new LinkedHashMap<>();
        probes.put("postgres", () -> Future.succeededFuture());
        probes.put("clickhouse", () -> Future.succeededFuture("pong"));

        HttpResponse<String> response = ready(probes);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject(
                "{\"status\":\"ready\",\"postgres\":\"up\",\"clickhouse\":\"up\"}"));
    }

    @Test
    void notReadyNamesWhatIsDownFailedThrownOrTooSlow() throws Exception {
        Map<String, Supplier<Future<?>>> probes = new LinkedHashMap<>();
        probes.put("postgres", () -> Future.succeededFuture());
        probes.put("kafka", () -> Future.failedFuture("no brokers"));
        probes.put("clickhouse", () -> {
            throw new IllegalStateException("closed");
        });
        probes.put("slow", () -> Promise.promise().future());

        HttpResponse<String> response = ready(probes);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("status")).isEqualTo("not ready");
        assertThat(body.getString("postgres")).isEqualTo("up");
        assertThat(body.getString("kafka")).isEqualTo("down: no brokers");
        assertThat(body.getString("clickhouse")).isEqualTo("down: closed");
        assertThat(body.getString("slow")).startsWith("down: ");
    }

    private HttpResponse<String> ready(Map<String, Supplier<Future<?>>> probes) throws Exception {
        Router router = Router.router(vertx);
        router.get("/ready").handler(new ReadinessHandler(probes, Duration.ofMillis(300)));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
