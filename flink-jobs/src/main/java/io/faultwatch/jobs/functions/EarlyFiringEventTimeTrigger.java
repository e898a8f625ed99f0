package io.faultwatch.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires when the watermark passes the end of the window, like the event-time trigger, and also
 * about {@code interval} after new elements arrived, so a dashboard sees the current minute grow
 * instead of waiting for it to close. A window without new elements does not fire again. Elements
 * arriving after the window closed (within the allowed lateness) fire it at once.
 *
 * <p>Firing never purges: every firing emits the window's full count.
 */
public class EarlyFiringEventTimeTrigger extends Trigger<Object, TimeWindow> {

    private final long intervalMs;
    private final ValueStateDescriptor<Long> earlyFiringAt =
            new ValueStateDescriptor<>("early-firing-at", Types.LONG);

    public EarlyFiringEventTimeTrigger(Duration interval) {
        this.intervalMs = interval.toMillis();
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE;
        }
        ValueState<Long> pending = ctx.getPartitionedState(earlyFiringAt);
        if (pending.value() == null) {
            // The first element since the window's last firing: registering the end-of-window timer here
            // rather than for every element saves a timer lookup per event (registering is idempotent).
            ctx.registerEventTimeTimer(window.maxTimestamp());
            long at = ctx.getCurrentProcessingTime() + intervalMs;
            ctx.registerProcessingTimeTimer(at);
            pending.update(at);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.getPartitionedState(earlyFiringAt).clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time != window.maxTimestamp()) {
            // The window operator's cleanup timer at the end of the allowed lateness.
            return TriggerResult.CONTINUE;
        }
        cancelEarlyFiring(ctx);
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        cancelEarlyFiring(ctx);
    }

    private void cancelEarlyFiring(TriggerContext ctx) throws Exception {
        ValueState<Long> pending = ctx.getPartitionedState(earlyFiringAt);
        if (pending.value() != null) {
            ctx.deleteProcessingTimeTimer(pending.value());
            pending.clear();
        }
    }

    @Override
    public String toString() {
        return "EarlyFiringEventTimeTrigger(" + intervalMs + " ms)";
    }
}
