package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ServiceAddresses;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ClickHouseMetricsSinkTest {

    /** Flink ships the sink, with the service addresses it holds, to the task managers. */
    @Test
    void survivesJavaSerialization() throws Exception {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of("FW_CLICKHOUSE_PASSWORD", "secret"));

        byte[] bytes = InstantiationUtil.serializeObject(new ClickHouseMetricsSink(services));
        ClickHouseMetricsSink copy = InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());

        assertThat(copy).usingRecursiveComparison().isEqualTo(new ClickHouseMetricsSink(services));
    }
}
