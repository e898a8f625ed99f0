package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.MinuteMetric;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys window firings by what they are counted per, as their window was. */
public class MinuteMetricKeySelector implements KeySelector<MinuteMetric, MetricKey> {
    @Override
    public MetricKey getKey(MinuteMetric metric) {
        return metric.key();
    }
}
