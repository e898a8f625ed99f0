package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.MetricRowFormat;
import io.faultwatch.model.ServiceAddresses;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ClickHouseSinkTest {

    /** Flink ships the sink, with the service addresses and row format it holds, to the task managers. */
    @Test
    void survivesJavaSerialization() throws Exception {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of("FW_CLICKHOUSE_PASSWORD", "secret"));
        ClickHouseSink<?> sink = new ClickHouseSink<>(services, MetricRowFormat.SESSIONS);

        byte[] bytes = InstantiationUtil.serializeObject(sink);
        ClickHouseSink<?> copy = InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());

        assertThat(copy).usingRecursiveComparison().isEqualTo(sink);
    }
}
