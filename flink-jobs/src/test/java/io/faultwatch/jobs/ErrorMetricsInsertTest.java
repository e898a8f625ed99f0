package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMetricsInsertTest {

    @Test
    void sendsEveryColumnAsJsonRowsAfterTheFormatClause() {
        String sql = ErrorMetricsInsert.sql("faultwatch", List.of(
                new MinuteCount(7, "abc", 1_795_000_020_000L, 3, 1_795_000_021_500L),
                new MinuteCount(7, "x\"); DROP TABLE t; --", 1_795_000_080_000L, 1, 1_795_000_081_000L)));

        assertThat(sql.lines()).containsExactly(
                "INSERT INTO faultwatch.error_metrics_1m (project_id, fingerprint, minute, event_count, version)"
                        + " FORMAT JSONEachRow",
                "{\"project_id\":7,\"fingerprint\":\"abc\",\"minute\":1795000020,\"event_count\":3,"
                        + "\"version\":1795000021500}",
                "{\"project_id\":7,\"fingerprint\":\"x\\\"); DROP TABLE t; --\",\"minute\":1795000080,"
                        + "\"event_count\":1,\"version\":1795000081000}");
    }

    @Test
    void refusesAnEmptyInsert() {
        assertThatThrownBy(() -> ErrorMetricsInsert.sql("faultwatch", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
