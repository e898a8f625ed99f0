package io.faultwatch.jobs;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.functions.AlertNotificationSerializer;
import io.faultwatch.jobs.functions.AlertRuleDeserializer;
import io.faultwatch.jobs.functions.ClickHouseSink;
import io.faultwatch.jobs.functions.DeadLetterSerializer;
import io.faultwatch.jobs.functions.IssueEventSerializer;
import io.faultwatch.jobs.functions.IssueSink;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.model.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The real sources and sinks of {@link ErrorPipelineJob}, built from its configuration. */
public final class PipelineConnectors {

    /**
     * Issues should show up within about a second of their event; within that time a busy issue's changes
     * become one upsert. At 11,000 events/s over 1,900 issues (the pipeline benchmark), 200 ms and 1,000
     * issues per batch left most rows written once per event or two; the freshness target is 3 s.
     */
    static final long ISSUE_BATCH_INTERVAL_MS = 500;
    static final int ISSUE_BATCH_SIZE = 5_000;

    private PipelineConnectors() {}

    /**
     * The sources resume from the committed offsets of the consumer group, or start from the earliest
     * when it has none. (On such a first start, a command may be read before the events of its issue;
     * the issue tracker drops a command for an issue it has no state for.)
     */
    public static PipelineEndpoints endpoints(PipelineConfig config) {
        OffsetsInitializer committed = OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        return endpoints(config, committed, committed, committed);
    }

    public static PipelineEndpoints endpoints(PipelineConfig config, OffsetsInitializer eventsStart,
                                              OffsetsInitializer sessionsStart, OffsetsInitializer issueCommandsStart) {
        ServiceAddresses services = config.services();
        return new PipelineEndpoints(
                bytesSource(config, Topics.EVENTS, eventsStart),
                bytesSource(config, Topics.SESSIONS, sessionsStart),
                bytesSource(config, Topics.ISSUE_COMMANDS, issueCommandsStart),
                kafkaSink(config, "dead-letters", new DeadLetterSerializer(Topics.DEAD_LETTERS)),
                issueSink(config),
                kafkaSink(config, "issue-events", new IssueEventSerializer(Topics.ISSUE_EVENTS)),
                new ClickHouseSink<>(services, MetricRowFormat.ERRORS),
                new ClickHouseSink<>(services, MetricRowFormat.SESSIONS),
                new ClickHouseSink<>(services, EventRowFormat.INSTANCE),
                alertRulesSource(config),
                alertNotificationSink(config));
    }

    /**
     * Always from the earliest offset of the compacted topic when the job starts without a checkpoint: the
     * job must know every rule, and compaction keeps the topic at about one record per rule. Not part of
     * the consumer group's offsets, which are about where the events were left.
     */
    private static KafkaSource<AlertRuleChange> alertRulesSource(PipelineConfig config) {
        return KafkaSource.<AlertRuleChange>builder()
                .setBootstrapServers(config.services().kafkaBootstrap())
                .setTopics(Topics.ALERT_RULES)
                .setGroupId(config.groupId() + "-alert-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new AlertRuleDeserializer())
                .build();
    }

    /**
     * The records of a topic as the job reads its inputs (the pipeline benchmark reads a pre-filled
     * topic this way). The consumer group commits offsets per topic partition, so the sources can share it.
     */
    public static KafkaSource<byte[]> bytesSource(PipelineConfig config, String topic, OffsetsInitializer startingOffsets) {
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(config.services().kafkaBootstrap())
                .setTopics(topic)
                .setGroupId(config.groupId())
                .setStartingOffsets(startingOffsets)
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .build();
    }

    /**
     * Exactly once: records are written in a Kafka transaction committed when the checkpoint that covers
     * them completes, so a restore neither loses nor repeats one. Consumers must read with
     * {@code isolation.level=read_committed}, or they also see the records of aborted transactions;
     * committed records appear a checkpoint interval after they were written.
     *
     * @param name tells this sink's transactional ids apart from the other sinks' of the job
     */
    private static <T> Sink<T> kafkaSink(PipelineConfig config, String name,
                                         KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.services().kafkaBootstrap())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + name)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(config.kafkaTransactionTimeout().toMillis()))
                .build();
    }

    /**
     * At least once, unlike the other Kafka outputs: a transaction would hold a notification back until the
     * next checkpoint, beyond the 5 s it may take from the gateway to the notifier. A notification written
     * again after a restore keeps its id, on which the notifier dedupes (alert_history's primary key).
     */
    private static Sink<AlertNotification> alertNotificationSink(PipelineConfig config) {
        return KafkaSink.<AlertNotification>builder()
                .setBootstrapServers(config.services().kafkaBootstrap())
                .setRecordSerializer(new AlertNotificationSerializer(Topics.ALERTS))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static Sink<IssueRow> issueSink(PipelineConfig config) {
        return new IssueSink(config.services(), ISSUE_BATCH_SIZE, ISSUE_BATCH_INTERVAL_MS);
    }
}
