package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.MetricKey;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys metric records by what they are counted per. */
public class MetricKeySelector implements KeySelector<MetricEvent, MetricKey> {
    @Override
    public MetricKey getKey(MetricEvent event) {
        return event.key();
    }
}
