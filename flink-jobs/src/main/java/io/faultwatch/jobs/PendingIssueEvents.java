package io.faultwatch.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events held per issue, in arrival order, until they are drained as one {@link IssueEvents} per issue. */
public final class PendingIssueEvents implements Combiner<GroupedEvent, IssueEvents> {

    private record Issue(long projectId, String fingerprint) {}

    private final Map<Issue, List<GroupedEvent>> pending = new LinkedHashMap<>();
    private int events;

    @Override
    public void add(GroupedEvent event) {
        pending.computeIfAbsent(new Issue(event.projectId(), event.fingerprint()), issue -> new ArrayList<>())
                .add(event);
        events++;
    }

    /** The events held, so the bound is on memory whatever the number of issues. */
    @Override
    public int size() {
        return events;
    }

    @Override
    public List<IssueEvents> drain() {
        List<IssueEvents> drained = new ArrayList<>(pending.size());
        pending.forEach((issue, held) -> drained.add(new IssueEvents(issue.projectId(), issue.fingerprint(), held)));
        pending.clear();
        events = 0;
        return drained;
    }

    /** The newest receive time of its events, so it is no earlier than any of them came alone. */
    @Override
    public long timestampOf(IssueEvents combined) {
        long newest = Long.MIN_VALUE;
        for (GroupedEvent event : combined.events()) {
            newest = Math.max(newest, event.receivedAt());
        }
        return newest;
    }
}
