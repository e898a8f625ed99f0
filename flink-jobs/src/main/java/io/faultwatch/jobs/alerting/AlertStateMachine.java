package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.AlertNotification.State;
import io.faultwatch.model.AlertRule;
import java.util.List;

/**
 * OK → FIRING → RESOLVED for one rule and group, and which notifications that makes. Pure: the operator
 * passes the state in and stores it back.
 *
 * <ul>
 *   <li>A group fires when its condition is breached and resolves only once it has recovered, which a
 *       separate resolve threshold puts below the firing one (hysteresis), so a value hovering at the
 *       threshold does not flap.
 *   <li>A firing notifies once; while it lasts it reminds at most once per action interval. A new firing
 *       within the action interval of the group's last notification waits for the interval to pass (and
 *       is not notified at all if it resolves before). RESOLVED is sent only for a firing that was notified.
 *   <li>At most {@link #MAX_PER_RULE_PER_HOUR} FIRING notifications per rule in any hour, across its groups.
 *   <li>Snoozed: FIRING notifications wait until the snooze ends (a firing still active then notifies).
 *       Muted: a firing that has not notified when the mute is seen is never notified, nor its resolution.
 * </ul>
 */
public final class AlertStateMachine {

    public static final int MAX_PER_RULE_PER_HOUR = 10;
    public static final long HOUR_MS = 3_600_000;
    /** Timers of a busy rule come at most this far apart, so snoozes and intervals end on time. */
    static final long MAX_TICK_MS = 5_000;

    private AlertStateMachine() {}

    /**
     * Takes in a signal the rule applies to and evaluates the group at its receive time.
     *
     * @param sentTimes the rule's FIRING notification times of the last hour, across groups; updated
     * @param emittedAt the wall clock, stamped on the notifications
     */
    public static List<AlertNotification> onSignal(AlertRule rule, String group, GroupState state, AlertSignal signal,
                                                   List<Long> sentTimes, long emittedAt) {
        Condition condition = Condition.of(rule.kind());
        if (condition.isEmpty(state) && !state.firing) {
            state.firstSeen = signal.receivedAt();
        }
        condition.record(rule, state, signal);
        long now = Math.max(state.latestSignalAt, signal.receivedAt());
        state.latestSignalAt = now;
        state.lastSeen = now;
        if (signal.environment() != null) {
            state.environment = signal.environment();
        }
        if (signal.title() != null) {
            state.title = signal.title();
        }
        if (rule.kind().isLifecycle()) {
            startFiring(state, signal.receivedAt());
            state.firstSeen = signal.receivedAt();
            List<AlertNotification> sent = notifyFiring(rule, group, state, new Measurement(1, null, 1, true, false),
                    now, sentTimes, emittedAt);
            state.firing = false;
            return sent;
        }
        return step(rule, group, state, condition.measure(rule, state, now), now, signal.receivedAt(), sentTimes,
                emittedAt);
    }

    /** Evaluates the group as time passes without signals: windows empty, snoozes and intervals end. */
    public static List<AlertNotification> onTime(AlertRule rule, String group, GroupState state, List<Long> sentTimes,
                                                 long now, long emittedAt) {
        if (rule.kind().isLifecycle()) {
            return List.of();
        }
        long at = Math.max(now, state.latestSignalAt);
        Measurement measured = Condition.of(rule.kind()).measure(rule, state, at);
        // Only a time with a signal identifies a firing reproducibly after a restore.
        return step(rule, group, state, measured, at, state.latestSignalAt, sentTimes, emittedAt);
    }

    /** Nothing left to evaluate or to throttle: the operator drops the group's state. */
    public static boolean isDone(AlertRule rule, GroupState state, long now) {
        return !state.firing && Condition.of(rule.kind()).isEmpty(state)
                && (state.lastNotifiedAt == null || now - state.lastNotifiedAt >= rule.actionIntervalSeconds() * 1_000);
    }

    /** How soon a group that is not done should be evaluated again. */
    public static long tickMillis(AlertRule rule) {
        if (rule.kind().isLifecycle()) {
            return rule.actionIntervalSeconds() * 1_000;
        }
        return Math.min(SlidingCounts.bucketMillis(rule.windowSeconds()), MAX_TICK_MS);
    }

    private static List<AlertNotification> step(AlertRule rule, String group, GroupState state, Measurement measured,
                                                long now, long crossedAt, List<Long> sentTimes, long emittedAt) {
        if (!state.firing) {
            if (!measured.breaching()) {
                return List.of();
            }
            startFiring(state, crossedAt);
        } else if (measured.recovered()) {
            boolean announce = state.sent > 0 && !state.silenced;
            state.firing = false;
            if (!announce) {
                return List.of();
            }
            return List.of(notification(rule, group, state, measured, State.RESOLVED, 0, now, emittedAt));
        }
        return notifyFiring(rule, group, state, measured, now, sentTimes, emittedAt);
    }

    private static void startFiring(GroupState state, long crossedAt) {
        state.firing = true;
        state.firingSince = crossedAt;
        state.sent = 0;
        state.silenced = false;
    }

    private static List<AlertNotification> notifyFiring(AlertRule rule, String group, GroupState state,
                                                        Measurement measured, long now, List<Long> sentTimes,
                                                        long emittedAt) {
        if (state.silenced) {
            return List.of();
        }
        if (rule.mutedUntil() != null && now < rule.mutedUntil()) {
            state.silenced = state.sent == 0;
            return List.of();
        }
        if (rule.snoozedUntil() != null && now < rule.snoozedUntil()) {
            return List.of();
        }
        if (state.lastNotifiedAt != null && now - state.lastNotifiedAt < rule.actionIntervalSeconds() * 1_000) {
            return List.of();
        }
        sentTimes.removeIf(time -> time <= now - HOUR_MS);
        if (sentTimes.size() >= MAX_PER_RULE_PER_HOUR) {
            return List.of();
        }
        AlertNotification firing = notification(rule, group, state, measured, State.FIRING, state.sent, now, emittedAt);
        state.sent++;
        state.lastNotifiedAt = now;
        sentTimes.add(now);
        return List.of(firing);
    }

    private static AlertNotification notification(AlertRule rule, String group, GroupState state, Measurement measured,
                                                  State kind, int sequence, long now, long emittedAt) {
        boolean ofIssue = !RuleMatcher.PROJECT.equals(group);
        long triggeredAt = kind == State.FIRING && sequence == 0 ? state.firingSince : now;
        return new AlertNotification(AlertNotification.id(rule.id(), group, state.firingSince, kind, sequence),
                rule.id(), rule.version(), rule.projectId(), rule.name(), rule.kind(), kind,
                ofIssue ? group : rule.issue(), rule.environment() != null ? rule.environment() : state.environment,
                ofIssue ? state.title : null, measured.value(), measured.baseline(), measured.threshold(),
                rule.windowSeconds(), state.firstSeen, state.lastSeen, triggeredAt, emittedAt, sequence, unit(rule));
    }

    static String unit(AlertRule rule) {
        return switch (rule.kind()) {
            case EVENT_COUNT, SPIKE -> "events";
            case ERROR_RATE -> rule.ratesSessions() ? "% of sessions errored" : "errors/min";
            case CONSECUTIVE_FAILURES -> "failures in a row";
            case NEW_ISSUE, REGRESSION -> "";
        };
    }
}
