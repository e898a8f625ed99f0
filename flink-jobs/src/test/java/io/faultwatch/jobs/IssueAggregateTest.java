package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IssueAggregateTest {

    @Test
    void foldsCountsTimesAndTheMostSevereLevel() {
        IssueAggregate issue = IssueAggregate.of(grouped(1, "f", 2_000, "warning"))
                .add(grouped(1, "f", 1_000, "fatal"))
                .add(grouped(1, "f", 3_000, "info"))
                .add(grouped(1, "f", 2_500, "nonsense"));

        assertThat(issue.firstSeen()).isEqualTo(1_000);
        assertThat(issue.lastSeen()).isEqualTo(3_000);
        assertThat(issue.timesSeen()).isEqualTo(4);
        assertThat(issue.level()).isEqualTo("fatal");
    }

    @Test
    void titleFollowsTheNewestEvent() {
        GroupedEvent older = new GroupedEvent("a", 1, 1_000, "error", "f", "old title", "old.culprit");
        GroupedEvent newer = new GroupedEvent("b", 1, 2_000, "error", "f", "new title", "new.culprit");

        assertThat(IssueAggregate.of(newer).add(older).title()).isEqualTo("new title");
        assertThat(IssueAggregate.of(older).add(newer).culprit()).isEqualTo("new.culprit");
    }

    @Test
    void anUnknownLevelRanksAsError() {
        assertThat(IssueAggregate.of(grouped(1, "f", 1, "custom")).add(grouped(1, "f", 2, "warning")).level())
                .isEqualTo("custom");
        assertThat(IssueAggregate.of(grouped(1, "f", 1, "custom")).add(grouped(1, "f", 2, "fatal")).level())
                .isEqualTo("fatal");
    }
}
