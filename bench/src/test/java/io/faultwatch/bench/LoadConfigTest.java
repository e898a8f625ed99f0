package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadConfigTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void defaultsAreABoundedLocalRun() {
        LoadConfig config = LoadConfig.fromArgs(new String[] {"--project", "1000042", "--key", KEY});
        assertThat(config.gateway().toString()).isEqualTo("http://127.0.0.1:8300");
        assertThat(config.rate()).isEqualTo(1000);
        assertThat(config.durationSeconds()).isEqualTo(10);
        assertThat(config.connections()).isEqualTo(16);
        assertThat(config.maxInFlight()).isEqualTo(128);
        assertThat(config.mix()).isEqualTo(Map.of(SdkProfile.JAVA, 50, SdkProfile.NODE, 30, SdkProfile.PYTHON, 20));
        assertThat(config.totalRequests()).isEqualTo(12_000);
        assertThat(config.warmupRequests()).isEqualTo(2_000);
        assertThat(config.jsonOut()).isNull();
        assertThat(config.cpuPids()).isEqualTo(Map.of("load", ProcessHandle.current().pid()));
    }

    @Test
    void readsEveryOption() {
        LoadConfig config = LoadConfig.fromArgs(new String[] {"--url", "http://localhost:9999", "--project", "7", "--key", KEY,
            "--rate", "5000", "--duration", "30", "--warmup", "0", "--connections", "4", "--max-in-flight", "9",
            "--mix", "java=1, python=3", "--templates", "10", "--seed", "99", "--timeout-ms", "500", "--label", "x",
            "--json-out", "/tmp/r.jsonl", "--cpu-pids", "gateway=42,load=self"});
        assertThat(config.gateway().getPort()).isEqualTo(9999);
        assertThat(config.totalRequests()).isEqualTo(150_000);
        assertThat(config.maxInFlight()).isEqualTo(9);
        assertThat(config.mix()).isEqualTo(Map.of(SdkProfile.JAVA, 1, SdkProfile.PYTHON, 3));
        assertThat(config.seed()).isEqualTo(99);
        assertThat(config.label()).isEqualTo("x");
        assertThat(config.jsonOut()).isEqualTo("/tmp/r.jsonl");
        assertThat(config.cpuPids()).containsExactly(Map.entry("gateway", 42L), Map.entry("load", ProcessHandle.current().pid()));
    }

    @Test
    void refusesToLoadAnotherMachine() {
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--url", "http://10.0.0.5:8300", "--project", "7", "--key", KEY}))
                .hasMessageContaining("stays on this machine");
    }

    @Test
    void rejectsUnboundedOrMalformedArguments() {
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--project", "7", "--key", KEY, "--duration", "100000"}))
                .hasMessageContaining("--duration must be between 1 and 600");
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--project", "7", "--key", "nope"}))
                .hasMessageContaining("--key");
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--key", KEY})).hasMessageContaining("--project");
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--project", "7", "--key", KEY, "--mix", "ruby=1"}))
                .hasMessageContaining("--mix");
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--project", "7", "--key", KEY, "--speed", "1"}))
                .hasMessageContaining("unknown argument '--speed'");
        assertThatThrownBy(() -> LoadConfig.fromArgs(new String[] {"--project", "7", "--key", KEY, "--rate"}))
                .hasMessageContaining("--rate needs a value");
    }
}
