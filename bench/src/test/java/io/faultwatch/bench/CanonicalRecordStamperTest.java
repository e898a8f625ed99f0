package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalRecordStamperTest {

    @Test
    void stampsANewEventIdProjectAndReceiveTimeAndKeepsTheRest() throws Exception {
        List<byte[]> records = BaselineRecords.records(3, 1_000_000_001L, "java=1,node=1,python=1");
        for (byte[] template : records) {
            ErrorEvent original = EventJson.fromBytes(template);
            CanonicalRecordStamper stamper = new CanonicalRecordStamper(template);
            Random random = new Random(99);

            ErrorEvent first = EventJson.fromBytes(stamper.stamp(random, 1_000_000_007L, 1_795_000_000_123L));
            ErrorEvent second = EventJson.fromBytes(stamper.stamp(random, 1_000_000_002L, 1_795_000_000_456L));

            assertThat(first.projectId()).isEqualTo(1_000_000_007L);
            assertThat(first.receivedAt()).isEqualTo(1_795_000_000_123L);
            assertThat(first.eventId()).hasSize(32).isNotEqualTo(original.eventId()).isNotEqualTo(second.eventId());
            assertThat(second.projectId()).isEqualTo(1_000_000_002L);
            assertThat(first.exceptions()).isEqualTo(original.exceptions());
            assertThat(first.timestamp()).isEqualTo(original.timestamp());
        }
    }

    @Test
    void rejectsAProjectIdOfAnotherLength() {
        byte[] template = oneRecord();
        CanonicalRecordStamper stamper = new CanonicalRecordStamper(template);

        assertThatThrownBy(() -> stamper.stamp(new Random(1), 7, 1_795_000_000_000L))
                .hasMessageContaining("7 does not have the template's 10 digits");
        assertThatThrownBy(() -> new CanonicalRecordStamper("{\"projectId\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("eventId");
    }

    private static byte[] oneRecord() {
        try {
            return BaselineRecords.records(1, 1_000_000_001L, "java=1").get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
