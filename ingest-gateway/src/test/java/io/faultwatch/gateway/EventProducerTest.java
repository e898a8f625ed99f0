package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Topics;
import io.faultwatch.model.sentry.SentryEventConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventProducerTest {

    @Test
    void durableAndBoundedInTime() {
        Map<String, Object> config = EventProducer.producerConfig("127.0.0.1:9092", Duration.ofSeconds(10));

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long blocked = ((Number) config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).longValue();
        long delivered = ((Number) config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();
        long linger = ((Number) config.get(ProducerConfig.LINGER_MS_CONFIG)).longValue();
        long request = ((Number) config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)).longValue();
        assertThat(blocked + delivered).isLessThanOrEqualTo(10_000);
        // The producer refuses to start unless delivery.timeout >= linger + request.timeout.
        assertThat(delivered).isGreaterThanOrEqualTo(linger + request);
    }

    @Test
    void recordIsKeyedByProjectAndTimestampedWithTheReceiveTime() throws Exception {
        long receivedAt = 1_795_000_000_123L;
        ErrorEvent event = SentryEventConverter.convert("{\"message\":\"hi\",\"timestamp\":1700000000}"
                .getBytes(StandardCharsets.UTF_8), 42, receivedAt, null);

        ProducerRecord<String, byte[]> record = EventProducer.record(event);

        assertThat(record.topic()).isEqualTo(Topics.EVENTS);
        assertThat(record.key()).isEqualTo("42");
        assertThat(record.timestamp()).isEqualTo(receivedAt);
        assertThat(EventJson.fromBytes(record.value())).isEqualTo(event);
    }
}
