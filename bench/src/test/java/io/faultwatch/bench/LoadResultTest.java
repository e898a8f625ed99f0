package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadResultTest {
    @Test
    void countsByOutcomeAndReportsPercentilesFromScheduledTime() {
        LoadConfig config = LoadConfig.fromArgs(new String[] {"--project", "7", "--key", "0123456789abcdef0123456789abcdef",
            "--rate", "100", "--duration", "2", "--label", "smoke"});
        LoadResult result = new LoadResult();
        for (int i = 1; i <= 100; i++) {
            result.sent();
            result.response(200, i * 1_000_000L);
        }
        result.sent();
        result.response(429, 1_000_000L);
        result.sent();
        result.error(new ConnectException("refused"));
        result.skipped();

        ObjectNode json = result.toJson(config, 2_000_000_000L, 2048.4, 900);

        assertThat(json.get("sent").asLong()).isEqualTo(102);
        assertThat(json.get("ok").asLong()).isEqualTo(100);
        assertThat(json.get("non_ok_by_status").get("429").asLong()).isEqualTo(1);
        assertThat(json.get("errors").get("ConnectException").asLong()).isEqualTo(1);
        assertThat(json.get("skipped").asLong()).isEqualTo(1);
        assertThat(json.get("ok_per_s").asDouble()).isEqualTo(50.0);
        assertThat(json.get("latency_ms").get("p50").asDouble()).isBetween(49.9, 50.1);
        assertThat(json.get("latency_ms").get("p99").asDouble()).isBetween(98.9, 99.1);
        assertThat(result.completed()).isEqualTo(102);
        assertThat(LoadResult.jsonLine(json)).doesNotContain("\n").startsWith("{\"label\":\"smoke\"");
        assertThat(LoadResult.toText(json)).contains("smoke: target 100 events/s for 2 s over 16 connections")
                .contains("throughput 50.0 accepted events/s").contains("p99 ");
        assertThat(json.has("cpu_us_per_event")).isFalse();
    }

    @Test
    void reportsCpuPerAcceptedEventAndHowBusyTheMachineWas() {
        LoadConfig config = LoadConfig.fromArgs(new String[] {"--project", "7", "--key", "0123456789abcdef0123456789abcdef"});
        LoadResult result = new LoadResult();
        for (int i = 0; i < 4; i++) {
            result.sent();
            result.response(200, 1_000_000L);
        }
        result.sent();
        result.response(503, 1_000_000L);
        int cores = Runtime.getRuntime().availableProcessors();
        // Over 2 s, the machine was busy for one core-second per core: half its capacity.
        result.cpu(Map.of("gateway", 0.002, "load", 0.0004, "machine", cores * 1.0), 2.0);

        ObjectNode json = result.toJson(config, 2_000_000_000L, 2048.4, 900);

        // Per accepted event: the 503 is not one.
        assertThat(json.get("cpu_us_per_event").get("gateway").asDouble()).isEqualTo(500.0);
        assertThat(json.get("cpu_us_per_event").get("load").asDouble()).isEqualTo(100.0);
        assertThat(json.get("cpu_us_per_event").get("machine").asDouble()).isEqualTo(cores * 250_000.0);
        assertThat(json.get("machine_busy_percent").asDouble()).isEqualTo(50.0);
        assertThat(LoadResult.toText(json)).contains("\"gateway\":500.0").contains("machine busy 50.0%");
    }
}
