package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MinuteCount;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a firing of an issue's minute window into a row carrying the window's absolute count,
 * versioned by the emission time so the latest firing (or a replay's) wins in ClickHouse.
 */
public class EmitMinuteCount
        extends ProcessWindowFunction<Long, MinuteCount, Tuple2<Long, String>, TimeWindow> {

    @Override
    public void process(Tuple2<Long, String> issue, Context ctx, Iterable<Long> counts, Collector<MinuteCount> out) {
        long count = counts.iterator().next();
        out.collect(new MinuteCount(issue.f0, issue.f1, ctx.window().getStart(), count,
                ctx.currentProcessingTime()));
    }
}
