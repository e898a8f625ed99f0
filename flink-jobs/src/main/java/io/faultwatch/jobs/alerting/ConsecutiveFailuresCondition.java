package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertRule;

/**
 * "API down": {@code threshold} matching events in a row that match the failure tags, with no other
 * matching event (a success) between them. It resolves after {@code resolveThreshold} successes in a row
 * (at least one); before it fires, one success breaks the streak. A streak that is not firing starts over
 * after a window without events.
 */
final class ConsecutiveFailuresCondition implements Condition {

    @Override
    public void record(AlertRule rule, GroupState group, AlertSignal signal) {
        if (!group.firing && group.streak > 0 && signal.receivedAt() - group.latestSignalAt > rule.windowSeconds() * 1_000) {
            group.streak = 0;
        }
        if (RuleMatcher.tagsMatch(rule.failureTags(), signal.tags())) {
            group.streak++;
            group.successes = 0;
        } else {
            group.successes++;
            if (!group.firing || group.successes >= successesToResolve(rule)) {
                group.streak = 0;
            }
        }
    }

    @Override
    public Measurement measure(AlertRule rule, GroupState group, long now) {
        if (!group.firing && group.streak > 0 && now - group.latestSignalAt > rule.windowSeconds() * 1_000) {
            group.streak = 0;
        }
        return new Measurement(group.streak, null, rule.threshold(), group.streak >= rule.threshold(),
                group.streak == 0);
    }

    private static long successesToResolve(AlertRule rule) {
        return Math.max(1, (long) rule.resolveThreshold());
    }

    @Override
    public boolean isEmpty(GroupState group) {
        return group.streak == 0;
    }
}
