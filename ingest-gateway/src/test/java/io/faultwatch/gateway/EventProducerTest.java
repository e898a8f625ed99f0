package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
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
}
