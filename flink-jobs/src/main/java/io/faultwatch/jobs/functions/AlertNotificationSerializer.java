package io.faultwatch.jobs.functions;

import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.RecordJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a notification as JSON keyed by its id, so copies of one notification share a partition. */
public class AlertNotificationSerializer implements KafkaRecordSerializationSchema<AlertNotification> {

    private final String topic;

    public AlertNotificationSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AlertNotification notification, KafkaSinkContext context,
                                                    Long timestamp) {
        return new ProducerRecord<>(topic, null, notification.emittedAt(),
                notification.id().getBytes(StandardCharsets.UTF_8), RecordJson.toBytes(notification));
    }
}
