package io.faultwatch.bench;

import io.faultwatch.gateway.RecordProducer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The least an ingest gateway has to do, to measure what the ingest benchmark's load generator can get
 * answered on this machine before any of the gateway's own work: an HTTP server on Vert.x with one
 * event loop per core, as the gateway, that reads each request's body and answers 200 with a body of
 * the gateway's length, and, given a topic, first sends the body unchanged to it with the gateway's
 * producer settings (acks=all) and answers once the broker acknowledged it. No decompressing, parsing,
 * authenticating or rate limiting. Run by {@code ./faultwatch bench} (scripts/bench.sh).
 *
 * <p>Arguments: {@code <port> <seconds> [<bootstrap servers> <topic>]}; it stops after {@code seconds}.
 */
public final class HttpFloor implements AutoCloseable {
    /** As long as the gateway's answer, {@code {"id":"<32 hex digits>"}}. */
    static final Buffer ANSWER = Buffer.buffer("{\"id\":\"00000000000000000000000000000000\"}");

    private final Vertx vertx;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong answered = new AtomicLong();

    private HttpFloor(Vertx vertx, KafkaProducer<String, byte[]> producer) {
        this.vertx = vertx;
        this.producer = producer;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 4) {
            throw new IllegalArgumentException("usage: HttpFloor <port> <seconds> [<bootstrap servers> <topic>]");
        }
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        try (HttpFloor floor = start(port, args.length == 4 ? args[2] : null, args.length == 4 ? args[3] : null)) {
            System.err.printf("floor listening on 127.0.0.1:%d with %d event loops%s for %d s%n", port, eventLoops(),
                    args.length == 4 ? ", sending to " + args[3] : "", seconds);
            TimeUnit.SECONDS.sleep(seconds);
            System.err.printf("floor answered %d requests%n", floor.answered());
        }
    }

    /** Listening on 127.0.0.1:{@code port}; without a topic ({@code null}) it answers without Kafka. */
    static HttpFloor start(int port, String bootstrapServers, String topic) throws Exception {
        HttpFloor floor = new HttpFloor(Vertx.vertx(), topic == null ? null : producer(bootstrapServers));
        Handler<HttpServerRequest> handler = request -> request.body().onSuccess(body -> {
            if (topic == null) {
                floor.answer(request);
                return;
            }
            floor.producer.send(new ProducerRecord<>(topic, body.getBytes()), (metadata, error) -> {
                if (error == null) {
                    floor.answer(request);
                } else {
                    request.response().setStatusCode(503).end("Kafka did not take the body: " + error);
                }
            });
        });
        try {
            floor.vertx.deployVerticle(() -> new Server(port, handler), new DeploymentOptions().setInstances(eventLoops()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            floor.close();
            throw e;
        }
        return floor;
    }

    long answered() {
        return answered.get();
    }

    private void answer(HttpServerRequest request) {
        request.response().putHeader("Content-Type", "application/json").end(ANSWER);
        answered.incrementAndGet();
    }

    private static int eventLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(RecordProducer.deliverySettings());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fw-bench-floor");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (producer != null) {
            producer.close();
        }
    }

    private static final class Server extends VerticleBase {
        private final int port;
        private final Handler<HttpServerRequest> handler;

        Server(int port, Handler<HttpServerRequest> handler) {
            this.port = port;
            this.handler = handler;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(handler)
                    .listen();
        }
    }
}
