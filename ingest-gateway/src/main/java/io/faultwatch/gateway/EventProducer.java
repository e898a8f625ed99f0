package io.faultwatch.gateway;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes canonical events to {@link Topics#EVENTS}, keyed by project id so one project's events stay
 * in order on one partition, timestamped with their receive time. The returned future completes only
 * when the broker has acknowledged the record to all in-sync replicas, or fails within the configured
 * timeout.
 */
public final class EventProducer implements AutoCloseable {
    // Small linger lets concurrent requests share a batch without adding noticeable latency.
    private static final int LINGER_MS = 5;

    private final Vertx vertx;
    private final Producer<String, byte[]> producer;

    public EventProducer(Vertx vertx, String bootstrapServers, Duration timeout) {
        this.vertx = vertx;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, timeout),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The whole wait is bounded by {@code timeout}: half for finding the partition leader (send()
     * blocks while metadata is missing), half for the acknowledgement including retries.
     */
    static Map<String, Object> producerConfig(String bootstrapServers, Duration timeout) {
        long half = Math.max(timeout.toMillis() / 2, 50);
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "fw-ingest-gateway",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, half,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) half,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) half - LINGER_MS);
    }

    public Future<Void> send(ErrorEvent event) {
        ProducerRecord<String, byte[]> record = record(event);
        Context context = vertx.getOrCreateContext();
        // send() may block while it waits for metadata, so it never runs on the event loop.
        return vertx.<Future<Void>>executeBlocking(() -> {
                    Promise<Void> acked = Promise.promise();
                    producer.send(record, (metadata, error) -> context.runOnContext(v -> {
                        if (error == null) {
                            acked.complete();
                        } else {
                            acked.fail(error);
                        }
                    }));
                    return acked.future();
                }, false)
                .compose(acked -> acked)
                .recover(EventProducer::asRejection);
    }

    /**
     * The record's timestamp is the gateway's receive time, not the producer's send time, so the
     * job can derive per-partition watermarks from Kafka timestamps that match the events' own.
     */
    static ProducerRecord<String, byte[]> record(ErrorEvent event) {
        return new ProducerRecord<>(Topics.EVENTS, null, event.receivedAt(), Long.toString(event.projectId()),
                EventJson.toBytes(event));
    }

    private static Future<Void> asRejection(Throwable error) {
        if (error instanceof RecordTooLargeException) {
            return Future.failedFuture(new Rejection(413, "event is too large for Kafka: " + error.getMessage(), error));
        }
        return Future.failedFuture(new Rejection(503,
                "the event was not stored, Kafka did not acknowledge it: " + error.getMessage(), error));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
