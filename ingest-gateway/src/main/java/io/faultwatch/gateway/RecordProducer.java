package io.faultwatch.gateway;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Outcome;
import io.faultwatch.model.ProjectRecord;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes canonical events to {@link Topics#EVENTS}, session records to {@link Topics#SESSIONS} and
 * outcomes to {@link Topics#OUTCOMES}, each keyed by project id so one project's records stay in
 * order on one partition, timestamped with their receive time. The returned future completes only
 * when the broker has acknowledged every record to all in-sync replicas, or fails within the
 * configured timeout with a 503 that says when to retry.
 */
public final class RecordProducer implements AutoCloseable {
    // Small linger lets concurrent requests share a batch without adding noticeable latency.
    private static final int LINGER_MS = 5;
    // Events are 1-5 KB: the default 16 KB batch closed after a handful of them, so at thousands of
    // events/s the producer and broker handled a produce request per few events. Measured at 5,000
    // events/s: 64 KB cut the broker's CPU by 60% for about 3 ms more median latency; 256 KB cut no
    // more CPU but raised the median to 50 ms.
    private static final int BATCH_BYTES = 64 * 1024;
    // The producer's own limits that decide when send() blocks (see SendBacklog).
    private static final long BUFFER_BYTES = 32 * 1024 * 1024;
    private static final long METADATA_IDLE_MS = Duration.ofMinutes(5).toMillis();
    /** Well inside the metadata idle time. */
    private static final long TOPIC_KNOWN_MS = Duration.ofMinutes(1).toMillis();
    /** A quarter of the buffer: with more than that unacknowledged, the broker is not keeping up. */
    private static final long MAX_UNACKED_BYTES_ON_LOOP = BUFFER_BYTES / 4;

    private final Vertx vertx;
    private final Producer<String, byte[]> producer;
    private final GatewayMetrics metrics;
    private final Map<String, String> retryAfter;
    private final SendBacklog backlog = new SendBacklog(TOPIC_KNOWN_MS, MAX_UNACKED_BYTES_ON_LOOP);

    public RecordProducer(Vertx vertx, String bootstrapServers, Duration timeout, Duration retryAfter,
                          GatewayMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.retryAfter = Map.of("Retry-After", Long.toString(retryAfter.toSeconds()));
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, timeout),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The settings that decide how records are batched and acknowledged, apart from where they go
     * and how long to wait: the ingest benchmark's raw-producer baseline runs with these too, so
     * that it measures what Kafka takes of the same records sent the same way.
     */
    public static Map<String, Object> deliverySettings() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
                ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES);
    }

    /**
     * The whole wait is bounded by {@code timeout}: half for finding the partition leader (send()
     * blocks while metadata is missing), half for the acknowledgement including retries.
     */
    static Map<String, Object> producerConfig(String bootstrapServers, Duration timeout) {
        long half = Math.max(timeout.toMillis() / 2, 50);
        Map<String, Object> config = new HashMap<>(deliverySettings());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fw-ingest-gateway");
        config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, METADATA_IDLE_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, half);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) half);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) half - LINGER_MS);
        return config;
    }

    /** Every record of the batch; fails if any of them was not acknowledged. */
    Future<Void> send(IngestBatch batch) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        batch.events().forEach(e -> records.add(record(e)));
        batch.sessions().forEach(s -> records.add(record(Topics.SESSIONS, s, s.receivedAt())));
        batch.outcomes().forEach(o -> records.add(record(o)));
        return send(records);
    }

    /** Acknowledgements complete on the caller's context, also when called from one of its worker threads. */
    Future<Void> send(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        Context context = vertx.getOrCreateContext();
        Future<Void> acked = Context.isOnEventLoopThread() && !sendsWithoutBlocking(records)
                ? vertx.executeBlocking(() -> sendAll(records, context), false).compose(acks -> acks)
                : sendAll(records, context);
        return acked.recover(this::asRejection);
    }

    /** Whether send() cannot block for these records, so that an event loop may call it. */
    private boolean sendsWithoutBlocking(List<ProducerRecord<String, byte[]>> records) {
        return backlog.sendsWithoutBlocking(records.stream().map(ProducerRecord::topic).toList(),
                System.currentTimeMillis());
    }

    private Future<Void> sendAll(List<ProducerRecord<String, byte[]>> records, Context context) {
        List<Future<Void>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                Promise<Void> acked = Promise.promise();
                long start = System.nanoTime();
                sendCounted(record, (metadata, error) -> {
                    metrics.kafkaSend(record.topic(), System.nanoTime() - start);
                    context.runOnContext(v -> {
                        if (error == null) {
                            acked.complete();
                        } else {
                            acked.fail(error);
                        }
                    });
                });
                acks.add(acked.future());
            }
        } catch (RuntimeException e) {
            // e.g. the metadata wait timed out, or the producer is closing
            return Future.failedFuture(e);
        }
        return Future.all(acks).mapEmpty();
    }

    /** Sends, keeping the {@link SendBacklog} up to date. */
    private void sendCounted(ProducerRecord<String, byte[]> record, Callback callback) {
        long bytes = record.value().length;
        backlog.sending(bytes);
        try {
            producer.send(record, (metadata, error) -> {
                backlog.done(record.topic(), bytes, error == null, System.currentTimeMillis());
                callback.onCompletion(metadata, error);
            });
        } catch (RuntimeException e) {
            backlog.done(record.topic(), bytes, false, System.currentTimeMillis()); // no callback comes
            throw e;
        }
    }

    /**
     * The record's timestamp is the gateway's receive time, not the producer's send time, so the
     * job can derive per-partition watermarks from Kafka timestamps that match the events' own.
     */
    static ProducerRecord<String, byte[]> record(ErrorEvent event) {
        return new ProducerRecord<>(Topics.EVENTS, null, event.receivedAt(), Long.toString(event.projectId()),
                EventJson.toBytes(event));
    }

    /**
     * Stamped with the send time: a client report's own timestamp comes from the SDK's clock, and
     * the broker refuses records too far in the future.
     */
    static ProducerRecord<String, byte[]> record(Outcome outcome) {
        return record(Topics.OUTCOMES, outcome, null);
    }

    static ProducerRecord<String, byte[]> record(String topic, ProjectRecord value, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, Long.toString(value.projectId()), RecordJson.toBytes(value));
    }

    private <T> Future<T> asRejection(Throwable error) {
        if (error instanceof RecordTooLargeException) {
            return Future.failedFuture(new Rejection(413, "event is too large for Kafka: " + error.getMessage(), error));
        }
        return Future.failedFuture(new Rejection(503,
                "the event was not stored, Kafka did not acknowledge it: " + error.getMessage(), error, retryAfter));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
