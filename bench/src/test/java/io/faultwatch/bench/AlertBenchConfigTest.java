package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertBenchConfigTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "fwt_0123";

    @Test
    void defaultsToTheLocalStack() {
        assertThat(AlertBenchConfig.fromArgs(new String[] {"--project", "1", "--key", KEY, "--token", TOKEN})).isEqualTo(
                new AlertBenchConfig("http://127.0.0.1:8300", "http://127.0.0.1:8400", 1, KEY, TOKEN, "bench-alerting",
                        20, null));
    }

    @Test
    void needsAProjectItsKeyAndAToken() {
        assertThatThrownBy(() -> AlertBenchConfig.fromArgs(new String[] {"--key", KEY, "--token", TOKEN}))
                .hasMessage("--project must be the id of a project the gateway knows");
        assertThatThrownBy(() -> AlertBenchConfig.fromArgs(new String[] {"--project", "1", "--key", "nope", "--token", TOKEN}))
                .hasMessage("--key must be the project's DSN key (32 hex digits)");
        assertThatThrownBy(() -> AlertBenchConfig.fromArgs(new String[] {"--project", "1", "--key", KEY}))
                .hasMessage("--token must be an API token of the project's organization");
        assertThatThrownBy(() -> AlertBenchConfig.fromArgs(new String[] {"--project", "1", "--key", KEY, "--token", TOKEN,
                "--rounds", "0"}))
                .hasMessage("--rounds must be between 1 and 1000, got 0");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(AlertLatencyBenchmark.percentile(sorted, 50)).isEqualTo(50);
        assertThat(AlertLatencyBenchmark.percentile(sorted, 95)).isEqualTo(100);
        assertThat(AlertLatencyBenchmark.percentile(new long[] {7}, 95)).isEqualTo(7);
    }
}
