package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter with its original bytes as the value, untouched so it can be replayed, and
 * the rejection reason in the {@value #REASON_HEADER} header.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    public static final String REASON_HEADER = "fw-reason";

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, timestamp, null, letter.payload(), headers);
    }
}
