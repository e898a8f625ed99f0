package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertRule;

/**
 * New issue and regression: each lifecycle event is a firing of its own, notified (throttled per issue)
 * and over at once, with nothing to resolve. The state machine measures these only on their signal.
 */
final class LifecycleCondition implements Condition {

    @Override
    public void record(AlertRule rule, GroupState group, AlertSignal signal) {}

    @Override
    public Measurement measure(AlertRule rule, GroupState group, long now) {
        return new Measurement(1, null, 1, false, true);
    }

    @Override
    public boolean isEmpty(GroupState group) {
        return true;
    }
}
