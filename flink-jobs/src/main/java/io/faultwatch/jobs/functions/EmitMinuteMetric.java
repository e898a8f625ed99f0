package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.MinuteAggregate;
import io.faultwatch.jobs.MinuteMetric;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a firing of a key's minute window into the minute's absolute totals so far. */
public class EmitMinuteMetric extends ProcessWindowFunction<MinuteAggregate, MinuteMetric, MetricKey, TimeWindow> {

    @Override
    public void process(MetricKey key, Context ctx, Iterable<MinuteAggregate> aggregates, Collector<MinuteMetric> out) {
        MinuteAggregate aggregate = aggregates.iterator().next();
        out.collect(new MinuteMetric(key, ctx.window().getStart(), aggregate.counts(), aggregate.userHashes()));
    }
}
