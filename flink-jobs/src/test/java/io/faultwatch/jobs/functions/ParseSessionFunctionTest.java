package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.RecordJson;
import io.faultwatch.model.SessionRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ParseSessionFunctionTest {

    @Test
    void readsUpdatesAndAggregatesAndSendsTheRestToDeadLetters() throws Exception {
        SessionRecord update = SessionRecord.update(7, 1_000, "app@1", "production", 900, "s1", null, true, "ok", 0,
                null, 1_000, 1L);
        SessionRecord bucket = SessionRecord.aggregate(7, 1_000, "app@1", "production", 0, null, 1, 0, 0, 0);
        byte[] noKind = "{\"projectId\":7,\"receivedAt\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] noCounts = "{\"projectId\":7,\"kind\":\"aggregate\",\"exited\":1}".getBytes(StandardCharsets.UTF_8);

        try (OneInputStreamOperatorTestHarness<byte[], SessionRecord> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseSessionFunction()))) {
            harness.open();
            for (byte[] record : new byte[][] {RecordJson.toBytes(update), RecordJson.toBytes(bucket), noKind, noCounts,
                    "[]".getBytes(StandardCharsets.UTF_8)}) {
                harness.processElement(record, 0);
            }

            assertThat(harness.extractOutputValues()).containsExactly(update, bucket);
            assertThat(harness.getSideOutput(ParseRecordFunction.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                    .allSatisfy(letter -> assertThat(letter.reason()).startsWith("not a session record"))
                    .hasSize(3);
        }
    }
}
