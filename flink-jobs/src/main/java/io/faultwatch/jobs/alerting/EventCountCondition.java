package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertRule;

/** More than {@code threshold} events in the sliding window; resolved at or below {@code resolveThreshold}. */
final class EventCountCondition implements Condition {

    @Override
    public void record(AlertRule rule, GroupState group, AlertSignal signal) {
        SlidingCounts.add(group.counts, signal.receivedAt(), signal.count(), SlidingCounts.bucketMillis(rule.windowSeconds()));
    }

    @Override
    public Measurement measure(AlertRule rule, GroupState group, long now) {
        long windowMs = rule.windowSeconds() * 1_000;
        long bucketMs = SlidingCounts.bucketMillis(rule.windowSeconds());
        long count = SlidingCounts.sumWindow(group.counts, now, windowMs, bucketMs);
        SlidingCounts.dropBefore(group.counts, Math.floorDiv(now, bucketMs) * bucketMs + bucketMs - windowMs);
        return new Measurement(count, null, rule.threshold(), count > rule.threshold(), count <= rule.resolveThreshold());
    }

    @Override
    public boolean isEmpty(GroupState group) {
        return group.counts.isEmpty();
    }
}
