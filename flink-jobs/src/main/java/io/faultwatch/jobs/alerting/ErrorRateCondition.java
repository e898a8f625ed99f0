package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertRule;

/**
 * Errored sessions in percent of the sessions started in the window (from sessions, once at least
 * {@code minCount} started), or matching errors per minute over the window; above {@code threshold} it
 * fires, at or below {@code resolveThreshold} it resolves.
 */
final class ErrorRateCondition implements Condition {

    @Override
    public void record(AlertRule rule, GroupState group, AlertSignal signal) {
        long bucketMs = SlidingCounts.bucketMillis(rule.windowSeconds());
        SlidingCounts.add(group.counts, signal.receivedAt(), signal.count(), bucketMs);
        SlidingCounts.add(group.errored, signal.receivedAt(), signal.errored(), bucketMs);
    }

    @Override
    public Measurement measure(AlertRule rule, GroupState group, long now) {
        long windowMs = rule.windowSeconds() * 1_000;
        long bucketMs = SlidingCounts.bucketMillis(rule.windowSeconds());
        long count = SlidingCounts.sumWindow(group.counts, now, windowMs, bucketMs);
        long from = Math.floorDiv(now, bucketMs) * bucketMs + bucketMs - windowMs;
        double rate;
        if (rule.ratesSessions()) {
            long errored = SlidingCounts.sumWindow(group.errored, now, windowMs, bucketMs);
            SlidingCounts.dropBefore(group.errored, from);
            SlidingCounts.dropBefore(group.counts, from);
            if (count < Math.max(1, rule.minCount())) {
                return new Measurement(0, null, rule.threshold(), false, true);
            }
            // A session that started before the window can error inside it.
            rate = Math.min(100.0, 100.0 * errored / count);
        } else {
            SlidingCounts.dropBefore(group.counts, from);
            rate = count * 60_000.0 / windowMs;
        }
        return new Measurement(rate, null, rule.threshold(), rate > rule.threshold(), rate <= rule.resolveThreshold());
    }

    @Override
    public boolean isEmpty(GroupState group) {
        return group.counts.isEmpty() && group.errored.isEmpty();
    }
}
