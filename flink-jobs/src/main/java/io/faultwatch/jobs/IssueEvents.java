package io.faultwatch.jobs;

import java.util.List;

/**
 * Events of one issue (project + fingerprint), in the order they arrived, that cross the shuffle to
 * the issue tracker together ({@link PendingIssueEvents}): it folds them one by one, as if each had come
 * alone, but reads and writes the issue's state once for all of them.
 */
public record IssueEvents(long projectId, String fingerprint, List<GroupedEvent> events) {

    public IssueEvents {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events for issue " + fingerprint + " of project " + projectId);
        }
    }

    public static IssueEvents of(GroupedEvent event) {
        return new IssueEvents(event.projectId(), event.fingerprint(), List.of(event));
    }
}
