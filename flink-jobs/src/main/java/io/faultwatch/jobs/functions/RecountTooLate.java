package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Moves records that arrive after their minute is final into the minute current then, so they are
 * counted late rather than dropped, and counts them ({@code recountedTooLate}). A minute is final once
 * the watermark has passed its end by the allowed lateness: the window operator would drop the record.
 * Records within the lateness pass unchanged and update their own minute.
 *
 * <p>Runs before the window's keyBy: the window operator's watermark is the minimum over all instances
 * of this operator, so it can be behind this one's but never ahead, and a record this operator lets
 * through is never late there.
 */
public class RecountTooLate extends ProcessFunction<MetricEvent, MetricEvent> {

    private final long allowedLatenessMs;
    private transient Counter recountedTooLate;

    public RecountTooLate(Duration allowedLateness) {
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        recountedTooLate = getRuntimeContext().getMetricGroup().counter("recountedTooLate");
    }

    @Override
    public void processElement(MetricEvent event, Context ctx, Collector<MetricEvent> out) {
        long watermark = ctx.timerService().currentWatermark();
        long minuteEnd = CountedMinuteWindows.windowOf(event.countedAt()).maxTimestamp();
        if (watermark != Long.MIN_VALUE && minuteEnd + allowedLatenessMs <= watermark) {
            recountedTooLate.inc();
            // Just after the watermark: in a minute that has not closed yet.
            out.collect(event.withCountedAt(watermark + 1));
        } else {
            out.collect(event);
        }
    }
}
