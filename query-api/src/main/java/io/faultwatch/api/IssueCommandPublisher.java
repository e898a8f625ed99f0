package io.faultwatch.api;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.model.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes issue status commands to {@link Topics#ISSUE_COMMANDS}, keyed by issue so one issue's
 * commands reach the job in order. A send completes only when Kafka has it (acks=all).
 */
final class IssueCommandPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IssueCommandPublisher.class);
    /** A user is waiting: fail within a few seconds rather than hold the request (and the row lock). */
    private static final int TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final KafkaProducer<String, byte[]> producer;

    private IssueCommandPublisher(Vertx vertx, KafkaProducer<String, byte[]> producer) {
        this.vertx = vertx;
        this.producer = producer;
    }

    static IssueCommandPublisher create(Vertx vertx, ServiceAddresses services) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new IssueCommandPublisher(vertx,
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Fails with 503 when Kafka does not take the command in time. */
    Future<Void> publish(IssueCommand command) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ISSUE_COMMANDS,
                Topics.issueKey(command.projectId(), command.fingerprint()), RecordJson.toBytes(command));
        // send() may block on metadata, and get() waits for the ack: both off the event loop.
        return vertx.<Void>executeBlocking(() -> {
            producer.send(record).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        }, false).recover(e -> {
            LOG.warn("Publishing a command for issue {} of project {} failed", command.fingerprint(),
                    command.projectId(), e);
            return Future.failedFuture(ApiException.unavailable(
                    "the status change could not be passed on (Kafka is unavailable); nothing was changed"));
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofMillis(TIMEOUT_MS));
    }
}
