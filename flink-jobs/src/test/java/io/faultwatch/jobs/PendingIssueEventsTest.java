package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PendingIssueEventsTest {

    @Test
    void drainsEachIssuesEventsTogetherInArrivalOrder() {
        PendingIssueEvents pending = new PendingIssueEvents();
        GroupedEvent a1 = grouped(1, "a", 3_000, "error");
        GroupedEvent b = grouped(1, "b", 1_000, "error");
        GroupedEvent a2 = grouped(1, "a", 2_000, "error");
        GroupedEvent otherProject = grouped(2, "a", 4_000, "error");
        for (GroupedEvent event : List.of(a1, b, a2, otherProject)) {
            pending.add(event);
        }
        assertThat(pending.size()).as("counts events, not issues").isEqualTo(4);

        List<IssueEvents> drained = pending.drain();

        assertThat(drained).containsExactly(
                new IssueEvents(1, "a", List.of(a1, a2)),
                new IssueEvents(1, "b", List.of(b)),
                new IssueEvents(2, "a", List.of(otherProject)));
        assertThat(pending.timestampOf(drained.get(0))).as("the newest receive time, not the last to arrive")
                .isEqualTo(3_000);
        assertThat(pending.size()).isZero();
        assertThat(pending.drain()).isEmpty();
    }

    @Test
    void anIssueWithoutEventsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IssueEvents(1, "a", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issue a of project 1");
    }
}
