package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;

/** How one kind of rule counts its signals and measures itself. Pure: no Flink types. */
interface Condition {

    /** Takes a signal the rule applies to into the group's state. */
    void record(AlertRule rule, GroupState group, AlertSignal signal);

    /** The condition at {@code now}; also forgets what can no longer matter at that time. */
    Measurement measure(AlertRule rule, GroupState group, long now);

    /** Whether the group holds nothing the condition still needs. */
    boolean isEmpty(GroupState group);

    static Condition of(AlertKind kind) {
        return switch (kind) {
            case EVENT_COUNT -> new EventCountCondition();
            case ERROR_RATE -> new ErrorRateCondition();
            case SPIKE -> new SpikeCondition();
            case CONSECUTIVE_FAILURES -> new ConsecutiveFailuresCondition();
            case NEW_ISSUE, REGRESSION -> new LifecycleCondition();
        };
    }
}
