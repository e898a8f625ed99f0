package io.faultwatch.jobs;

import java.util.List;

/**
 * What the job knows about one issue, folded over its events. Title and culprit follow the newest
 * event (by receive time); the level is the most severe seen.
 */
public record IssueAggregate(
        long firstSeen, long lastSeen, long timesSeen, String title, String culprit, String level) {

    /** Sentry's levels, least severe first; an unknown level ranks as "error". */
    private static final List<String> LEVELS = List.of("debug", "info", "warning", "error", "fatal");

    public static IssueAggregate of(GroupedEvent event) {
        return new IssueAggregate(event.receivedAt(), event.receivedAt(), 1,
                event.title(), event.culprit(), event.level());
    }

    public IssueAggregate add(GroupedEvent event) {
        boolean newest = event.receivedAt() >= lastSeen;
        return new IssueAggregate(
                Math.min(firstSeen, event.receivedAt()),
                Math.max(lastSeen, event.receivedAt()),
                timesSeen + 1,
                newest ? event.title() : title,
                newest ? event.culprit() : culprit,
                rank(event.level()) > rank(level) ? event.level() : level);
    }

    public IssueRow toRow(long projectId, String fingerprint) {
        return new IssueRow(projectId, fingerprint, title, culprit, level, firstSeen, lastSeen, timesSeen);
    }

    private static int rank(String level) {
        int rank = LEVELS.indexOf(level);
        return rank >= 0 ? rank : LEVELS.indexOf("error");
    }
}
