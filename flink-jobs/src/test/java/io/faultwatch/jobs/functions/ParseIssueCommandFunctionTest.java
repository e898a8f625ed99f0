package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.RecordJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ParseIssueCommandFunctionTest {

    @Test
    void parsesCommandsAndSendsTheRestToDeadLetters() throws Exception {
        IssueCommand command = new IssueCommand(7, "abc", IssueStatus.IGNORED, 1_000, null, 10L);
        byte[] noStatus = "{\"projectId\":7,\"fingerprint\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

        try (OneInputStreamOperatorTestHarness<byte[], IssueCommand> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseIssueCommandFunction()))) {
            harness.open();
            harness.processElement(RecordJson.toBytes(command), 0);
            harness.processElement(noStatus, 0);
            harness.processElement(null, 0);

            assertThat(harness.extractOutputValues()).containsExactly(command);
            assertThat(harness.getSideOutput(ParseRecordFunction.DEAD_LETTERS))
                    .extracting(StreamRecord::getValue)
                    .satisfiesExactly(
                            letter -> {
                                assertThat(letter.payload()).isEqualTo(noStatus);
                                assertThat(letter.reason()).startsWith("not an issue command: ")
                                        .contains("needs a status");
                            },
                            letter -> assertThat(letter.payload()).isEmpty());
        }
    }
}
