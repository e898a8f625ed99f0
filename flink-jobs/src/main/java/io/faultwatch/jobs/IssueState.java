package io.faultwatch.jobs;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;

/**
 * Everything the job keeps about one issue (project + fingerprint) apart from its users sketch, and
 * how events, commands and the clock change it. Pure: {@code functions.IssueTracker} keeps it in keyed
 * state and passes in the processing time as {@code now}.
 *
 * @param activeAt processing time of the last event or command, epoch ms: the state expires a retention
 *                 period after it
 */
public record IssueState(IssueAggregate aggregate, IssueLifecycle lifecycle, long activeAt) {

    /**
     * The state after a change, and the lifecycle event it caused, if any.
     *
     * @param lifecycleEvent NEW_ISSUE, REGRESSION, or null
     */
    public record Update(IssueState state, IssueEvent lifecycleEvent) {}

    /** A fingerprint without state: a new issue. */
    public static Update first(GroupedEvent event, long users, long now) {
        IssueState state = new IssueState(IssueAggregate.of(event, users), IssueLifecycle.UNRESOLVED, now);
        return new Update(state, lifecycleEvent(IssueEvent.Type.NEW_ISSUE, event));
    }

    /** @param users the distinct users including this event's */
    public Update withEvent(GroupedEvent event, long users, long now) {
        IssueAggregate counted = aggregate.add(event, users);
        IssueLifecycle next = lifecycle.afterEvent(event, counted.timesSeen(), now);
        boolean regression = lifecycle.isResolved() && !next.isResolved();
        return new Update(new IssueState(counted, next, now),
                regression ? lifecycleEvent(IssueEvent.Type.REGRESSION, event) : null);
    }

    public IssueState withCommand(IssueCommand command, long now) {
        return new IssueState(aggregate,
                IssueLifecycle.of(command, aggregate.timesSeen(), aggregate.lastRelease(), now), now);
    }

    /** The state once the clock reached {@code now}; the same instance when nothing changed. */
    public IssueState atTime(long now) {
        IssueLifecycle next = lifecycle.atTime(now);
        return next.equals(lifecycle) ? this : new IssueState(aggregate, next, activeAt);
    }

    public boolean isExpiredAt(long now, long retentionMs) {
        return activeAt + retentionMs <= now;
    }

    /** The next time the clock changes this state: its expiry, or an earlier end of an ignore. */
    public long nextChangeAt(long retentionMs) {
        long expiry = activeAt + retentionMs;
        Long lifecycleChange = lifecycle.changesAt();
        return lifecycleChange == null ? expiry : Math.min(expiry, lifecycleChange);
    }

    public IssueRow toRow(long projectId, String fingerprint) {
        return new IssueRow(projectId, fingerprint, aggregate.title(), aggregate.culprit(), aggregate.level(),
                aggregate.firstSeen(), aggregate.lastSeen(), aggregate.timesSeen(), aggregate.users(),
                aggregate.firstRelease(), aggregate.lastRelease(), aggregate.environments(), lifecycle.status(),
                lifecycle.resolvedAt(), lifecycle.resolvedInRelease(), lifecycle.ignoreUntil(), lifecycle.ignoreCount());
    }

    private static IssueEvent lifecycleEvent(IssueEvent.Type type, GroupedEvent event) {
        return IssueEvent.of(type, event.projectId(), event.fingerprint(), event.eventId(), event.receivedAt(),
                event.title(), event.culprit(), event.level(), event.release(), event.environment());
    }
}
