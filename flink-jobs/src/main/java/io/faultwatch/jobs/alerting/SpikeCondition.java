package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertRule;

/**
 * The window's count against the baseline, the mean of the {@code baselineWindows} windows before it:
 * fires when the count reaches {@code minCount} and exceeds {@code threshold} × baseline (any count of
 * at least {@code minCount} after a silent baseline); resolves when it falls below {@code minCount} or
 * to {@code resolveThreshold} × baseline.
 */
final class SpikeCondition implements Condition {

    @Override
    public void record(AlertRule rule, GroupState group, AlertSignal signal) {
        SlidingCounts.add(group.counts, signal.receivedAt(), signal.count(), SlidingCounts.bucketMillis(rule.windowSeconds()));
    }

    @Override
    public Measurement measure(AlertRule rule, GroupState group, long now) {
        long windowMs = rule.windowSeconds() * 1_000;
        long bucketMs = SlidingCounts.bucketMillis(rule.windowSeconds());
        long end = Math.floorDiv(now, bucketMs) * bucketMs + bucketMs;
        long current = SlidingCounts.sum(group.counts, end - windowMs, end);
        long previous = SlidingCounts.sum(group.counts, end - windowMs * (1 + rule.baselineWindows()), end - windowMs);
        SlidingCounts.dropBefore(group.counts, end - windowMs * (1 + rule.baselineWindows()));
        double baseline = (double) previous / rule.baselineWindows();
        double fireAbove = rule.threshold() * baseline;
        boolean breaching = current >= rule.minCount() && current > fireAbove;
        boolean recovered = current < rule.minCount() || current <= rule.resolveThreshold() * baseline;
        return new Measurement(current, baseline, fireAbove, breaching, recovered);
    }

    @Override
    public boolean isEmpty(GroupState group) {
        return group.counts.isEmpty();
    }
}
