package io.faultwatch.jobs;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;

/**
 * An issue's status and the rules that move it.
 *
 * <ul>
 *   <li>A resolved issue reopens on an event received after the resolution: a regression. An event
 *       received before it but processed later (Kafka lag) only counts.</li>
 *   <li>An issue resolved in the next release reopens only on such an event of a newer release than
 *       the issue's last release at resolution ({@link Releases#isNewer}).</li>
 *   <li>An ignored issue becomes unresolved when its condition ends: the count of further events is
 *       reached, or the time has come. Ignored without either, it stays ignored.</li>
 *   <li>A command from the query API sets the status as asked.</li>
 * </ul>
 *
 * @param resolvedAt           resolved, resolved_in_next_release: when the resolution took effect, epoch ms
 * @param resolvedInRelease    resolved_in_next_release: the issue's last release at resolution, or null
 * @param ignoreUntil          ignored: unignore at this time, epoch ms, or null
 * @param ignoreCount          ignored: unignore after this many more events (as asked), or null
 * @param ignoreUntilTimesSeen ignored with a count: unignore once the issue's times_seen reaches this
 */
public record IssueLifecycle(
        IssueStatus status,
        Long resolvedAt,
        String resolvedInRelease,
        Long ignoreUntil,
        Long ignoreCount,
        Long ignoreUntilTimesSeen) {

    public static final IssueLifecycle UNRESOLVED = new IssueLifecycle(IssueStatus.UNRESOLVED, null, null, null, null, null);

    /**
     * The status as a user set it.
     *
     * @param timesSeen   the issue's events so far: an ignore count starts from here
     * @param lastRelease the issue's newest release: resolved in the next release means after this one
     */
    public static IssueLifecycle of(IssueCommand command, long timesSeen, String lastRelease, long now) {
        return switch (command.status()) {
            case UNRESOLVED -> UNRESOLVED;
            case RESOLVED -> new IssueLifecycle(IssueStatus.RESOLVED, command.issuedAt(), null, null, null, null);
            case RESOLVED_IN_NEXT_RELEASE -> new IssueLifecycle(
                    IssueStatus.RESOLVED_IN_NEXT_RELEASE, command.issuedAt(), lastRelease, null, null, null);
            case IGNORED -> new IssueLifecycle(IssueStatus.IGNORED, null, null, command.ignoreUntil(),
                    command.ignoreCount(), command.ignoreCount() == null ? null : timesSeen + command.ignoreCount())
                    .atTime(now);
        };
    }

    /** The status after an event, with the issue's times_seen already counting it. */
    public IssueLifecycle afterEvent(GroupedEvent event, long timesSeen, long now) {
        boolean reopens = switch (status) {
            case UNRESOLVED -> false;
            case RESOLVED -> event.receivedAt() >= resolvedAt;
            case RESOLVED_IN_NEXT_RELEASE ->
                    event.receivedAt() >= resolvedAt && Releases.isNewer(event.release(), resolvedInRelease);
            case IGNORED -> (ignoreUntilTimesSeen != null && timesSeen >= ignoreUntilTimesSeen) || ignoreEndedBy(now);
        };
        return reopens ? UNRESOLVED : this;
    }

    /** The status once the clock reached {@code now}: an ignore until a time may have ended. */
    public IssueLifecycle atTime(long now) {
        return status == IssueStatus.IGNORED && ignoreEndedBy(now) ? UNRESOLVED : this;
    }

    public boolean isResolved() {
        return status == IssueStatus.RESOLVED || status == IssueStatus.RESOLVED_IN_NEXT_RELEASE;
    }

    /** When the clock alone changes this status, or null when it never does. */
    public Long changesAt() {
        return status == IssueStatus.IGNORED ? ignoreUntil : null;
    }

    private boolean ignoreEndedBy(long now) {
        return ignoreUntil != null && ignoreUntil <= now;
    }
}
