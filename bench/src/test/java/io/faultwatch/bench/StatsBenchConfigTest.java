package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsBenchConfigTest {

    @Test
    void defaultsToTheIssuesShape() {
        StatsBenchConfig config = StatsBenchConfig.fromArgs(new String[] {"--first-project", "5000000"});

        assertThat(config).isEqualTo(new StatsBenchConfig("faultwatch_bench", 5_000_000, 10, 1000, 30, 20, 200, true,
                null));
        assertThat(config.issuesPerProject()).isEqualTo(100);
    }

    @Test
    void neverTouchesTheLiveDatabase() {
        assertThatThrownBy(() -> StatsBenchConfig.fromArgs(new String[] {"--first-project", "1", "--database",
                "faultwatch"})).hasMessageContaining("other than faultwatch");
        assertThatThrownBy(() -> StatsBenchConfig.fromArgs(new String[] {"--first-project", "1", "--database",
                "x; DROP"})).hasMessageContaining("plain identifier");
    }

    @Test
    void refusesUnknownOrIncompleteArguments() {
        assertThatThrownBy(() -> StatsBenchConfig.fromArgs(new String[] {"--first-project"}))
                .hasMessage("--first-project needs a value");
        assertThatThrownBy(() -> StatsBenchConfig.fromArgs(new String[] {"--first-project", "1", "--issues", "1001"}))
                .hasMessage("--issues must be a multiple of --projects, got 1001 and 10");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(StatsBenchmark.percentile(sorted, 95)).isEqualTo(95);
        assertThat(StatsBenchmark.percentile(sorted, 50)).isEqualTo(50);
        assertThat(StatsBenchmark.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void eachDaysDataStaysInItsDatabaseAndProjects() {
        StatsBenchConfig config = StatsBenchConfig.fromArgs(new String[] {"--first-project", "5000000"});

        assertThat(MetricsData.errorMetricsDay(config, 3, 1_795_000_000))
                .startsWith("INSERT INTO faultwatch_bench.error_metrics_rows (")
                .contains("SELECT 5000000 + issue % 10,", "toDateTime(1795000000 + m * 60)", "LIMIT 1440000");
        assertThat(MetricsData.sessionMetricsDay(config, 3, 1_795_000_000))
                .startsWith("INSERT INTO faultwatch_bench.session_metrics_rows (").contains("LIMIT 14400");
    }
}
