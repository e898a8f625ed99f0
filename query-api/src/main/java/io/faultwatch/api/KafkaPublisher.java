package io.faultwatch.api;

import io.faultwatch.model.AlertRule;
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
 * Publishes what users change for the pipeline job: issue status commands to {@link Topics#ISSUE_COMMANDS},
 * keyed by issue so one issue's commands reach the job in order, and alert rules to the compacted
 * {@link Topics#ALERT_RULES}, keyed by rule (a tombstone when deleted). A send completes only when Kafka has
 * it (acks=all); callers hold their PostgreSQL transaction open until then.
 */
final class KafkaPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    /** A user is waiting: fail within a few seconds rather than hold the request (and the row lock). */
    private static final int TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final KafkaProducer<String, byte[]> producer;

    private KafkaPublisher(Vertx vertx, KafkaProducer<String, byte[]> producer) {
        this.vertx = vertx;
        this.producer = producer;
    }

    static KafkaPublisher create(Vertx vertx, ServiceAddresses services) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaPublisher(vertx,
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Fails with 503 when Kafka does not take the command in time. */
    Future<Void> publish(IssueCommand command) {
        return send(new ProducerRecord<>(Topics.ISSUE_COMMANDS, Topics.issueKey(command.projectId(),
                        command.fingerprint()), RecordJson.toBytes(command)),
                "the status change could not be passed on (Kafka is unavailable); nothing was changed");
    }

    /** The rule as it is now; fails with 503 when Kafka does not take it in time. */
    Future<Void> publish(AlertRule rule) {
        return send(new ProducerRecord<>(Topics.ALERT_RULES, AlertRule.topicKey(rule.id()), RecordJson.toBytes(rule)),
                "the alert rule could not be passed on (Kafka is unavailable); nothing was changed");
    }

    /** The tombstone of a deleted rule, which compaction keeps until every reader has seen it. */
    Future<Void> publishDeletion(long ruleId) {
        return send(new ProducerRecord<>(Topics.ALERT_RULES, AlertRule.topicKey(ruleId), null),
                "the deletion could not be passed on (Kafka is unavailable); nothing was deleted");
    }

    private Future<Void> send(ProducerRecord<String, byte[]> record, String refusal) {
        // send() may block on metadata, and get() waits for the ack: both off the event loop.
        return vertx.<Void>executeBlocking(() -> {
            producer.send(record).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        }, false).recover(e -> {
            LOG.warn("Publishing {} with key {} failed", record.topic(), record.key(), e);
            return Future.failedFuture(ApiException.unavailable(refusal));
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofMillis(TIMEOUT_MS));
    }
}
