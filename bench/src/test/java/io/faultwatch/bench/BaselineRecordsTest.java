package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.util.List;
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

    private static ErrorEvent parse(byte[] record) {
        try {
            return EventJson.fromBytes(record);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
