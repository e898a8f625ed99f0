package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.gateway.RecordProducer;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BaselineRecordsTest {
    @Test
    void recordsAreCanonicalEventsOnOneLineEach() throws Exception {
        List<byte[]> records = BaselineRecords.records(60, 1_000_123, "java=1,node=1,python=1");

        assertThat(records).hasSize(60);
        for (byte[] record : records) {
            assertThat(record).doesNotContain((byte) '\n');
            ErrorEvent event = EventJson.fromBytes(record);
            assertThat(event.projectId()).isEqualTo(1_000_123);
            assertThat(event.exceptions()).isNotEmpty();
        }
        assertThat(records.stream().map(r -> EventJson.toBytes(parse(r)).length).distinct().count()).isGreaterThan(10);
    }

    @Test
    void theBaselineProducerIsConfiguredAsTheGateways() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(BaselineRecords.producerProperties()));

        assertThat(properties).containsEntry("batch.size", "65536")
                .containsEntry("linger.ms", "5")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .hasSize(RecordProducer.deliverySettings().size());
    }

    private static ErrorEvent parse(byte[] record) {
        try {
            return EventJson.fromBytes(record);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
