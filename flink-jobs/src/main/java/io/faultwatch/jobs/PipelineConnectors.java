package io.faultwatch.jobs;

import io.faultwatch.jobs.functions.ClickHouseMetricsSink;
import io.faultwatch.jobs.functions.DeadLetterSerializer;
import io.faultwatch.jobs.functions.IssueUpsert;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.model.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The real source and sinks of {@link ErrorPipelineJob}, built from its configuration. */
public final class PipelineConnectors {

    /** Issues should show up within about a second of their event. */
    static final long ISSUE_BATCH_INTERVAL_MS = 200;
    static final int ISSUE_BATCH_SIZE = 1_000;
    static final int ISSUE_MAX_RETRIES = 3;

    private PipelineConnectors() {}

    /** Resumes from the committed offsets of the consumer group, or from the earliest when it has none. */
    public static KafkaSource<byte[]> eventsSource(PipelineConfig config) {
        return eventsSource(config, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }

    public static KafkaSource<byte[]> eventsSource(PipelineConfig config, OffsetsInitializer startingOffsets) {
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(config.services().kafkaBootstrap())
                .setTopics(Topics.EVENTS)
                .setGroupId(config.groupId())
                .setStartingOffsets(startingOffsets)
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .build();
    }

    public static Sink<DeadLetter> deadLetterSink(PipelineConfig config) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.services().kafkaBootstrap())
                .setRecordSerializer(new DeadLetterSerializer(Topics.DEAD_LETTERS))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    public static Sink<IssueRow> issueSink(PipelineConfig config) {
        ServiceAddresses services = config.services();
        return JdbcSink.<IssueRow>builder()
                .withQueryStatement(IssueUpsert.SQL, new IssueUpsert())
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchIntervalMs(ISSUE_BATCH_INTERVAL_MS)
                        .withBatchSize(ISSUE_BATCH_SIZE)
                        .withMaxRetries(ISSUE_MAX_RETRIES)
                        .build())
                .buildAtLeastOnce(new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(services.postgresJdbcUrl())
                        // Named explicitly so the connector loads the driver itself: in a JobManager
                        // (REST submission) DriverManager may not see drivers in the user jar.
                        .withDriverName(org.postgresql.Driver.class.getName())
                        .withUsername(services.postgresUser())
                        .withPassword(services.postgresPassword())
                        .build());
    }

    public static Sink<MinuteCount> minuteCountSink(PipelineConfig config) {
        return new ClickHouseMetricsSink(config.services());
    }
}
