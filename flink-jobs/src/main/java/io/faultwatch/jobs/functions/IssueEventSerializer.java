package io.faultwatch.jobs.functions;

import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a lifecycle event as JSON, keyed by its issue so one issue's events stay in order. */
public class IssueEventSerializer implements KafkaRecordSerializationSchema<IssueEvent> {

    private final String topic;

    public IssueEventSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(IssueEvent event, KafkaSinkContext context, Long timestamp) {
        byte[] key = Topics.issueKey(event.projectId(), event.fingerprint()).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, event.occurredAt(), key, RecordJson.toBytes(event));
    }
}
