package io.faultwatch.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric records summed per key and minute until they are drained: what one instance of the job
 * collects before the shuffle to the minute windows, so that a window reads and writes its state once
 * per key and drain instead of once per event.
 */
public final class PartialMinutes implements Combiner<MetricEvent, MetricEvent> {

    private record Slot(MetricKey key, long minute) {}

    private final Map<Slot, MetricEvent> partials = new HashMap<>();

    @Override
    public void add(MetricEvent event) {
        partials.merge(new Slot(event.key(), Math.floorDiv(event.countedAt(), MinuteMetric.MINUTE_MS)), event, MetricEvent::plus);
    }

    /** The keys and minutes held. */
    @Override
    public int size() {
        return partials.size();
    }

    /** One record per key and minute since the last drain, and none held any more. */
    @Override
    public List<MetricEvent> drain() {
        List<MetricEvent> drained = new ArrayList<>(partials.values());
        partials.clear();
        return drained;
    }

    /** The minute it is counted in, as each of its parts had it. */
    @Override
    public long timestampOf(MetricEvent combined) {
        return combined.countedAt();
    }
}
