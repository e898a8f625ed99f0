package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.service.ServiceMetrics;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void endpointsAreABoundedSetOfTagValues() {
        assertThat(GatewayMetrics.endpoint("/api/42/envelope/")).isEqualTo("envelope");
        assertThat(GatewayMetrics.endpoint("/api/42/store")).isEqualTo("store");
        assertThat(GatewayMetrics.endpoint("/health")).isEqualTo("health");
        assertThat(GatewayMetrics.endpoint("/metrics")).isEqualTo("metrics");
        assertThat(GatewayMetrics.endpoint("/api/42/minidump/")).isEqualTo("other");
        assertThat(GatewayMetrics.endpoint("/wp-login.php")).isEqualTo("other");
        assertThat(GatewayMetrics.endpoint(null)).isEqualTo("other");
    }

    @Test
    void countersAndHistogramsAppearInThePrometheusText() {
        GatewayMetrics metrics = new GatewayMetrics(ServiceMetrics.newRegistry());
        metrics.accepted("error", 2);
        metrics.rejected("rate_limited");
        metrics.kafkaSend("fw.events", 3_000_000);

        String text = metrics.registry().scrape();

        assertThat(text).contains("fw_gateway_events_accepted_total{category=\"error\"} 2.0")
                .contains("fw_gateway_events_rejected_total{reason=\"rate_limited\"} 1.0")
                .contains("fw_gateway_kafka_send_seconds_bucket{topic=\"fw.events\"");
    }
}
