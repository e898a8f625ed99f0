package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.Fingerprinter;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.ParsedEvent;
import io.faultwatch.jobs.TestEvents;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ParseEventFunctionTest {

    @Test
    void parsesAndFingerprintsEventsAndSendsTheRestToDeadLetters() throws Exception {
        ErrorEvent event = TestEvents.userServiceNpe(7, 1_000, 57);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] noProject = "{\"eventId\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

        try (OneInputStreamOperatorTestHarness<byte[], ParsedEvent> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseEventFunction()))) {
            harness.open();
            harness.processElement(EventJson.toBytes(event), 0);
            harness.processElement(notJson, 0);
            harness.processElement(noProject, 0);

            assertThat(harness.extractOutputValues()).extracting(ParsedEvent::grouped).containsExactly(new GroupedEvent(
                    event.eventId(), 7, 1_000, "error", Fingerprinter.group(event).fingerprint(),
                    "java.lang.NullPointerException: user is null", "com.acme.users.UserService.load",
                    "app@1.0.0", "production", null, Map.of()));
            assertThat(harness.extractOutputValues()).extracting(ParsedEvent::row)
                    .singleElement().satisfies(row -> {
                        assertThat(row.eventId()).isEqualTo(event.eventId());
                        assertThat(row.fingerprint()).isEqualTo(Fingerprinter.group(event).fingerprint());
                        assertThat(row.errorType()).isEqualTo("java.lang.NullPointerException");
                        assertThat(row.serverName()).isEqualTo("host-1");
                        assertThat(row.userHash()).isEqualTo(UserIdentity.NO_USER);
                        assertThat(row.payload()).isEqualTo(EventJson.toBytes(event));
                    });
            assertThat(harness.getSideOutput(ParseRecordFunction.DEAD_LETTERS))
                    .extracting(StreamRecord::getValue)
                    .satisfiesExactly(
                            letter -> {
                                assertThat(letter.payload()).isEqualTo(notJson);
                                assertThat(letter.reason()).contains("Unrecognized token 'not'");
                            },
                            letter -> {
                                assertThat(letter.payload()).isEqualTo(noProject);
                                assertThat(letter.reason()).contains("projectId");
                            });
        }
    }
}
