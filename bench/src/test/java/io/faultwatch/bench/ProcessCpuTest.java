package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsTheParentAndTheUserPlusSystemTicksOfAStatLine() {
        String stat = "4233 (postgres: a (b) c) S 1 4233 4233 0 -1 4194560 3051 0 0 0 170 42 0 0 20 0 1 0 2410 1 2";

        assertThat(ProcessCpu.parentAndTicks(stat)).containsExactly(1, 212);
    }

    @Test
    void parsesNamedPidsAndSelf() {
        assertThat(ProcessCpu.parse("clickhouse=12, postgres=34,job=self"))
                .containsExactly(Map.entry("clickhouse", 12L), Map.entry("postgres", 34L),
                        Map.entry("job", ProcessHandle.current().pid()));
        assertThat(ProcessCpu.parse("")).isEmpty();
        assertThatThrownBy(() -> ProcessCpu.parse("clickhouse")).hasMessageContaining("name=pid");
        assertThatThrownBy(() -> ProcessCpu.parse("kafka=x")).hasMessageContaining("not a pid: 'x' for kafka");
    }

    @Test
    void thisJvmAndTheMachineHaveSpentCpu() throws Exception {
        long end = System.nanoTime() + 200_000_000L;
        double spin = 0;
        while (System.nanoTime() < end) {
            spin += Math.sqrt(spin + 1);
        }

        Map<String, Double> seconds = ProcessCpu.seconds(ProcessCpu.parse("bench=self"));

        assertThat(seconds.get("bench")).as("after spinning 0.2 s (%s)", spin).isGreaterThan(0.1);
        assertThat(seconds.get("machine")).isGreaterThanOrEqualTo(seconds.get("bench"));
    }
}
