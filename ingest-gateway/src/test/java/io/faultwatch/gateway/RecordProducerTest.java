package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.Outcome;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.Topics;
import io.faultwatch.model.sentry.SentryEventConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RecordProducerTest {

    @Test
    void durableAndBoundedInTime() {
        Map<String, Object> config = RecordProducer.producerConfig("127.0.0.1:9092", Duration.ofSeconds(10));

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
    void theBenchmarkBaselinesDeliverySettingsAreTheProducers() {
        Map<String, Object> config = RecordProducer.producerConfig("127.0.0.1:9092", Duration.ofSeconds(10));

        assertThat(RecordProducer.deliverySettings()).containsKeys(ProducerConfig.BATCH_SIZE_CONFIG,
                ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.ACKS_CONFIG);
        assertThat(config).containsAllEntriesOf(RecordProducer.deliverySettings());
    }

    @Test
    void eventIsKeyedByProjectAndTimestampedWithTheReceiveTime() throws Exception {
        long receivedAt = 1_795_000_000_123L;
        ErrorEvent event = SentryEventConverter.convert("{\"message\":\"hi\",\"timestamp\":1700000000}"
                .getBytes(StandardCharsets.UTF_8), 42, receivedAt, null);

        ProducerRecord<String, byte[]> record = RecordProducer.record(event);

        assertThat(record.topic()).isEqualTo(Topics.EVENTS);
        assertThat(record.key()).isEqualTo("42");
        assertThat(record.timestamp()).isEqualTo(receivedAt);
        assertThat(EventJson.fromBytes(record.value())).isEqualTo(event);
    }

    @Test
    void sessionsAndOutcomesAreKeyedByProjectToo() throws Exception {
        SessionRecord session = SessionRecord.aggregate(42, 1_000, "r", "e", 0, null, 1, 0, 0, 0);
        Outcome outcome = new Outcome(42, 1_000, "span", Outcome.ACCEPTED, null, 4);

        ProducerRecord<String, byte[]> sessionRecord = RecordProducer.record(Topics.SESSIONS, session, 1_000L);
        ProducerRecord<String, byte[]> outcomeRecord = RecordProducer.record(outcome);

        assertThat(sessionRecord.key()).isEqualTo("42");
        assertThat(RecordJson.fromBytes(sessionRecord.value(), SessionRecord.class)).isEqualTo(session);
        assertThat(outcomeRecord.topic()).isEqualTo(Topics.OUTCOMES);
        assertThat(outcomeRecord.key()).isEqualTo("42");
        // Client reports carry the SDK's clock; Kafka stamps outcomes with the send time instead.
        assertThat(outcomeRecord.timestamp()).isNull();
        assertThat(RecordJson.fromBytes(outcomeRecord.value(), Outcome.class)).isEqualTo(outcome);
    }
}
