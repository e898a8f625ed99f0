package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueAggregateTest {

    @Test
    void foldsCountsTimesAndTheMostSevereLevel() {
        IssueAggregate issue = IssueAggregate.of(grouped(1, "f", 2_000, "warning"), 0)
                .add(grouped(1, "f", 1_000, "fatal"), 0)
                .add(grouped(1, "f", 3_000, "info"), 0)
                .add(grouped(1, "f", 2_500, "nonsense"), 0);

        assertThat(issue.firstSeen()).isEqualTo(1_000);
        assertThat(issue.lastSeen()).isEqualTo(3_000);
        assertThat(issue.timesSeen()).isEqualTo(4);
        assertThat(issue.level()).isEqualTo("fatal");
    }

    @Test
    void titleFollowsTheNewestEvent() {
        GroupedEvent older = new GroupedEvent("a", 1, 1_000, "error", "f", "old title", "old.culprit", null, null, null, Map.of());
        GroupedEvent newer = new GroupedEvent("b", 1, 2_000, "error", "f", "new title", "new.culprit", null, null, null, Map.of());

        assertThat(IssueAggregate.of(newer, 0).add(older, 0).title()).isEqualTo("new title");
        assertThat(IssueAggregate.of(older, 0).add(newer, 0).culprit()).isEqualTo("new.culprit");
    }

    @Test
    void anUnknownLevelRanksAsError() {
        assertThat(IssueAggregate.of(grouped(1, "f", 1, "custom"), 0).add(grouped(1, "f", 2, "warning"), 0).level())
                .isEqualTo("custom");
        assertThat(IssueAggregate.of(grouped(1, "f", 1, "custom"), 0).add(grouped(1, "f", 2, "fatal"), 0).level())
                .isEqualTo("fatal");
    }

    @Test
    void keepsTheFirstReleaseAndFollowsTheNewestEventsRelease() {
        IssueAggregate issue = IssueAggregate.of(grouped(1, "f", 1_000, "error", null, null, null), 0)
                .add(grouped(1, "f", 2_000, "error", "app@1.0", null, null), 0)
                .add(grouped(1, "f", 4_000, "error", "app@1.2", null, null), 0)
                .add(grouped(1, "f", 3_000, "error", "app@1.1", null, null), 0)
                .add(grouped(1, "f", 5_000, "error", null, null, null), 0);

        assertThat(issue.firstRelease()).isEqualTo("app@1.0");
        assertThat(issue.lastRelease()).as("an older event or one without a release keeps it").isEqualTo("app@1.2");
    }

    @Test
    void collectsABoundedSortedSetOfEnvironmentsAndTakesTheUsersGiven() {
        IssueAggregate issue = IssueAggregate.of(grouped(1, "f", 1_000, "error", null, "staging", null), 1)
                .add(grouped(1, "f", 2_000, "error", null, "production", null), 2)
                .add(grouped(1, "f", 3_000, "error", null, "staging", null), 2)
                .add(grouped(1, "f", 4_000, "error", null, null, null), 2);
        assertThat(issue.environments()).containsExactly("production", "staging");
        assertThat(issue.users()).isEqualTo(2);

        List<String> expected = new ArrayList<>(List.of("production", "staging"));
        for (int i = 0; i < IssueAggregate.MAX_ENVIRONMENTS + 5; i++) {
            issue = issue.add(grouped(1, "f", 5_000 + i, "error", null, "preview-" + (100 + i), null), 2);
            if (expected.size() < IssueAggregate.MAX_ENVIRONMENTS) {
                expected.add("preview-" + (100 + i));
            }
        }
        assertThat(issue.environments()).hasSize(IssueAggregate.MAX_ENVIRONMENTS)
                .containsExactlyElementsOf(expected.stream().sorted().toList());
    }
}
