package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.MinuteAggregate;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums a window's records as they arrive, so a window keeps its totals and users instead of its records. */
public class AggregateMinute implements AggregateFunction<MetricEvent, MinuteAggregate, MinuteAggregate> {
    @Override
    public MinuteAggregate createAccumulator() {
        return MinuteAggregate.empty();
    }

    @Override
    public MinuteAggregate add(MetricEvent event, MinuteAggregate aggregate) {
        return aggregate.add(event);
    }

    @Override
    public MinuteAggregate getResult(MinuteAggregate aggregate) {
        return aggregate;
    }

    @Override
    public MinuteAggregate merge(MinuteAggregate a, MinuteAggregate b) {
        return a.merge(b);
    }
}
