package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseInsertTest {

    private static final ProjectRetentions.Retention RETENTION = new ProjectRetentions.Retention(90, 30);

    @Test
    void sendsEveryColumnOfErrorMetricsAsJsonRowsAfterTheFormatClause() {
        MetricRow row = new MetricRow(new MetricKey(7, "production", "", "x\"); DROP TABLE t; --", "error"),
                1_795_000_020_000L, new long[] {3}, new long[] {5}, new long[] {9}, new long[] {11, 42});

        String sql = ClickHouseInsert.sql("faultwatch", MetricRowFormat.ERRORS,
                List.of(MetricRowFormat.ERRORS.toJson(row, RETENTION)));

        assertThat(sql.lines()).containsExactly(
                "INSERT INTO faultwatch.error_metrics_rows (project_id, environment, release, fingerprint, level, minute,"
                        + " minute_counts, hour_counts, day_counts, user_hashes, retention_days) FORMAT JSONEachRow",
                "{\"project_id\":7,\"environment\":\"production\",\"release\":\"\","
                        + "\"fingerprint\":\"x\\\"); DROP TABLE t; --\",\"level\":\"error\",\"minute\":1795000020,"
                        + "\"minute_counts\":[3],\"hour_counts\":[5],\"day_counts\":[9],\"user_hashes\":[11,42],"
                        + "\"retention_days\":90}");
    }

    @Test
    void sessionMetricsHaveNoIssueLevelOrUsers() {
        MetricRow row = new MetricRow(new MetricKey(7, "production", "app@1", "", ""), 60_000,
                new long[] {1, 0, 1, 0, 0}, new long[] {1, 0, 1, 0, 0}, new long[] {2, 1, 1, 0, 0}, new long[0]);

        ObjectNode json = MetricRowFormat.SESSIONS.toJson(row, RETENTION);

        assertThat(fieldNames(json)).containsExactlyElementsOf(MetricRowFormat.SESSIONS.columns());
        assertThat(json.toString()).isEqualTo("{\"project_id\":7,\"environment\":\"production\",\"release\":\"app@1\","
                + "\"minute\":60,\"minute_counts\":[1,0,1,0,0],\"hour_counts\":[1,0,1,0,0],"
                + "\"day_counts\":[2,1,1,0,0],\"retention_days\":90}");
    }

    @Test
    void eventRowsCarryEveryColumnAndTheEventsRetention() {
        EventRow row = new EventRow(7, "e1", 1_795_000_020_123L, 1_795_000_020_000L, "error", "production", "app@1",
                "java", "host-1", "GET /", "java.lang.IllegalStateException", "boom", "", "f1", "IllegalStateException: boom",
                "com.acme.Foo.run", 42, new String[] {"service", "region"}, new String[] {"api", "eu"},
                "{\"eventId\":\"e1\"}".getBytes(StandardCharsets.UTF_8));

        ObjectNode json = EventRowFormat.INSTANCE.toJson(row, RETENTION);

        assertThat(fieldNames(json)).containsExactlyElementsOf(EventRowFormat.INSTANCE.columns());
        assertThat(json.get("received_at").asLong()).isEqualTo(1_795_000_020L);
        assertThat(json.get("received_at_ms").asLong()).isEqualTo(1_795_000_020_123L);
        assertThat(json.get("tag_keys").toString()).isEqualTo("[\"service\",\"region\"]");
        assertThat(json.get("payload").asText()).isEqualTo("{\"eventId\":\"e1\"}");
        assertThat(json.get("retention_days").asInt()).isEqualTo(30);
    }

    @Test
    void refusesAnEmptyInsert() {
        assertThatThrownBy(() -> ClickHouseInsert.sql("faultwatch", EventRowFormat.INSTANCE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> fieldNames(ObjectNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
