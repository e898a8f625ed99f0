package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.Fingerprinter;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.Grouping;
import io.faultwatch.jobs.ParsedEvent;
import io.faultwatch.jobs.TestEvents;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.SentryEventConverter;
import io.faultwatch.testing.WireSamples;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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

    /**
     * The row is put together after deduplication from what crossed the shuffle: every column as the
     * parsed event has it, after Flink's serializer.
     */
    @Test
    void theRowPutTogetherAfterTheShuffleHoldsEveryColumn() throws Exception {
        ErrorEvent event = SentryEventConverter.convert(WireSamples.eventItem("java-exception-inapp").payload(),
                42, 1_795_342_700_000L, Envelope.parse(WireSamples.envelope("java-exception-inapp")).eventId());
        assertThat(event.tags()).hasSizeGreaterThan(1);
        assertThat(event.user()).isNotNull();
        byte[] record = EventJson.toBytes(event);
        ParsedEvent parsed;
        try (OneInputStreamOperatorTestHarness<byte[], ParsedEvent> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseEventFunction()))) {
            harness.open();
            harness.processElement(record, 0);
            parsed = harness.extractOutputValues().get(0);
        }
        TypeSerializer<ParsedEvent> serializer =
                TypeInformation.of(ParsedEvent.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(parsed, out);
        ParsedEvent shuffled = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        Grouping grouping = Fingerprinter.group(event);
        TreeMap<String, String> tags = new TreeMap<>(event.tags());
        ErrorEvent.ExceptionInfo thrown = event.thrownException();
        EventRow expected = new EventRow(42, event.eventId(), 1_795_342_700_000L, event.timestamp(),
                Fingerprinter.levelOf(event), text(event.environment()), text(event.release()),
                text(event.platform()), text(event.serverName()), text(event.transaction()), thrown.type(),
                thrown.value(), text(event.message()), grouping.fingerprint(), grouping.title(), grouping.culprit(),
                UserIdentity.hash(UserIdentity.of(event.user())),
                tags.keySet().toArray(String[]::new), tags.values().toArray(String[]::new), record);
        assertThat(shuffled.row()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(expected.userHash()).isNotEqualTo(UserIdentity.NO_USER);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "" : value;
    }
}
