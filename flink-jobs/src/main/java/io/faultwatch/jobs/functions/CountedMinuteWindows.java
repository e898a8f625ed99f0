package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.MinuteMetric;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling one-minute event-time windows on {@link MetricEvent#countedAt()}, which is the receive time
 * except for records {@link RecountTooLate} moved into a later minute (a record's Flink timestamp
 * cannot be changed by a function). Epoch-aligned, so a window is a UTC minute.
 */
public class CountedMinuteWindows extends WindowAssigner<MetricEvent, TimeWindow> {

    public static TimeWindow windowOf(long time) {
        long start = TimeWindow.getWindowStartWithOffset(time, 0, MinuteMetric.MINUTE_MS);
        return new TimeWindow(start, start + MinuteMetric.MINUTE_MS);
    }

    @Override
    public Collection<TimeWindow> assignWindows(MetricEvent event, long timestamp, WindowAssignerContext context) {
        return List.of(windowOf(event.countedAt()));
    }

    /** The job sets its own; this is what the window operator would use otherwise. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Trigger<MetricEvent, TimeWindow> getDefaultTrigger() {
        return (Trigger) EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "CountedMinuteWindows";
    }
}
