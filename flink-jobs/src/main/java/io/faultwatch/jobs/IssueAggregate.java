package io.faultwatch.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * What the job knows about one issue's events, folded over them. Title, culprit and last release
 * follow the newest event (by receive time); the level is the most severe seen; the first release
 * is the first one seen.
 *
 * @param users        distinct users affected, as estimated by the issue's {@link HyperLogLog}
 * @param environments the environments seen, sorted; at most {@link #MAX_ENVIRONMENTS}, so a client
 *                     sending a new environment with every event cannot grow the state
 */
public record IssueAggregate(
        long firstSeen,
        long lastSeen,
        long timesSeen,
        String title,
        String culprit,
        String level,
        long users,
        String firstRelease,
        String lastRelease,
        List<String> environments) {

    static final int MAX_ENVIRONMENTS = 20;
    /** Sentry's levels, least severe first; an unknown level ranks as "error". */
    private static final List<String> LEVELS = List.of("debug", "info", "warning", "error", "fatal");

    public IssueAggregate {
        environments = List.copyOf(environments);
    }

    public static IssueAggregate of(GroupedEvent event, long users) {
        return new IssueAggregate(event.receivedAt(), event.receivedAt(), 1, event.title(), event.culprit(),
                event.level(), users, event.release(), event.release(), withEnvironment(List.of(), event.environment()));
    }

    public IssueAggregate add(GroupedEvent event, long users) {
        boolean newest = event.receivedAt() >= lastSeen;
        return new IssueAggregate(
                Math.min(firstSeen, event.receivedAt()),
                Math.max(lastSeen, event.receivedAt()),
                timesSeen + 1,
                newest ? event.title() : title,
                newest ? event.culprit() : culprit,
                rank(event.level()) > rank(level) ? event.level() : level,
                users,
                firstRelease != null ? firstRelease : event.release(),
                event.release() != null && (newest || lastRelease == null) ? event.release() : lastRelease,
                withEnvironment(environments, event.environment()));
    }

    private static List<String> withEnvironment(List<String> environments, String environment) {
        if (environment == null || environments.contains(environment) || environments.size() >= MAX_ENVIRONMENTS) {
            return environments;
        }
        List<String> added = new ArrayList<>(environments);
        added.add(environment);
        added.sort(null);
        return added;
    }

    private static int rank(String level) {
        int rank = LEVELS.indexOf(level);
        return rank >= 0 ? rank : LEVELS.indexOf("error");
    }
}
