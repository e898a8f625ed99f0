package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.IssueStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle rules, on {@link IssueState} alone: events, commands and the clock. */
class IssueLifecycleTest {

    private static final long RETENTION = 1_000_000;

    private static GroupedEvent event(long receivedAt) {
        return grouped(1, "f", receivedAt, "error", "app@1.0.0", "production", null);
    }

    private static GroupedEvent event(long receivedAt, String release) {
        return grouped(1, "f", receivedAt, "error", release, "production", null);
    }

    private static IssueCommand command(IssueStatus status, long issuedAt) {
        return new IssueCommand(1, "f", status, issuedAt, null, null);
    }

    private static IssueCommand ignore(Long until, Long count) {
        return new IssueCommand(1, "f", IssueStatus.IGNORED, 100, until, count);
    }

    private static IssueState seen(long... receivedAt) {
        IssueState state = IssueState.first(event(receivedAt[0]), 0, 0).state();
        for (int i = 1; i < receivedAt.length; i++) {
            state = state.withEvent(event(receivedAt[i]), 0, 0).state();
        }
        return state;
    }

    @Test
    void aNewFingerprintIsANewUnresolvedIssue() {
        GroupedEvent first = event(1_000);
        IssueState.Update update = IssueState.first(first, 1, 50);

        assertThat(update.state().lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(update.state().activeAt()).isEqualTo(50);
        assertThat(update.lifecycleEvent()).isEqualTo(IssueEvent.of(IssueEvent.Type.NEW_ISSUE, 1, "f",
                first.eventId(), 1_000, "Error f", "com.acme.Culprit.run", "error", "app@1.0.0", "production"));
    }

    @Test
    void aRepeatOfAnUnresolvedIssueOnlyCounts() {
        IssueState.Update update = seen(1_000).withEvent(event(2_000), 1, 60);

        assertThat(update.lifecycleEvent()).isNull();
        assertThat(update.state().lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(update.state().aggregate().timesSeen()).isEqualTo(2);
        assertThat(update.state().activeAt()).isEqualTo(60);
    }

    @Test
    void anEventAfterAResolutionReopensTheIssueAsARegression() {
        IssueState resolved = seen(1_000).withCommand(command(IssueStatus.RESOLVED, 5_000), 70);
        assertThat(resolved.lifecycle().status()).isEqualTo(IssueStatus.RESOLVED);
        assertThat(resolved.lifecycle().resolvedAt()).isEqualTo(5_000);

        GroupedEvent after = event(5_000);
        IssueState.Update update = resolved.withEvent(after, 0, 80);

        assertThat(update.state().lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(update.lifecycleEvent().type()).isEqualTo(IssueEvent.Type.REGRESSION);
        assertThat(update.lifecycleEvent().eventId()).isEqualTo(after.eventId());
    }

    @Test
    void anEventReceivedBeforeTheResolutionButProcessedAfterItDoesNotReopen() {
        IssueState resolved = seen(1_000).withCommand(command(IssueStatus.RESOLVED, 5_000), 70);

        IssueState.Update update = resolved.withEvent(event(4_999), 0, 80);

        assertThat(update.lifecycleEvent()).isNull();
        assertThat(update.state().lifecycle()).isEqualTo(resolved.lifecycle());
        assertThat(update.state().aggregate().timesSeen()).isEqualTo(2);
    }

    @Test
    void resolvedInTheNextReleaseReopensOnlyForANewerRelease() {
        IssueState resolved = seen(1_000).withEvent(event(2_000, "app@1.1.0"), 0, 0).state()
                .withCommand(command(IssueStatus.RESOLVED_IN_NEXT_RELEASE, 5_000), 70);
        assertThat(resolved.lifecycle().resolvedInRelease()).isEqualTo("app@1.1.0");

        for (String stillBroken : new String[] {"app@1.1.0", "app@1.0.0", null}) {
            IssueState.Update update = resolved.withEvent(event(6_000, stillBroken), 0, 80);
            assertThat(update.lifecycleEvent()).as("release %s", stillBroken).isNull();
            assertThat(update.state().lifecycle()).isEqualTo(resolved.lifecycle());
        }
        IssueState.Update regression = resolved.withEvent(event(6_000, "app@1.2.0"), 0, 80);
        assertThat(regression.lifecycleEvent().type()).isEqualTo(IssueEvent.Type.REGRESSION);
        assertThat(regression.state().lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
    }

    @Test
    void ignoredUntilNMoreEventsIsUnresolvedByTheNth() {
        IssueState ignored = seen(1_000, 2_000).withCommand(ignore(null, 3L), 70);
        assertThat(ignored.lifecycle().ignoreUntilTimesSeen()).isEqualTo(5);

        IssueState state = ignored;
        for (int i = 1; i <= 2; i++) {
            state = state.withEvent(event(2_000 + i), 0, 80).state();
            assertThat(state.lifecycle().status()).as("after %d more", i).isEqualTo(IssueStatus.IGNORED);
        }
        IssueState.Update third = state.withEvent(event(3_000), 0, 90);
        assertThat(third.state().lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(third.lifecycleEvent()).as("unignoring is no regression").isNull();
    }

    @Test
    void ignoredUntilATimeIsUnresolvedOnceTheClockGetsThere() {
        IssueState ignored = seen(1_000).withCommand(ignore(10_000L, null), 70);

        assertThat(ignored.atTime(9_999)).isSameAs(ignored);
        assertThat(ignored.nextChangeAt(RETENTION)).isEqualTo(10_000);
        IssueState later = ignored.atTime(10_000);
        assertThat(later.lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(later.activeAt()).as("the clock is no activity").isEqualTo(70);
        assertThat(ignored.withEvent(event(2_000), 0, 10_001).state().lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(ignored.withEvent(event(2_000), 0, 9_000).state().lifecycle()).isEqualTo(ignored.lifecycle());
    }

    @Test
    void anIgnoreWithATimeAlreadyPastEndsAtOnceAndOneWithoutConditionsLastsForever() {
        assertThat(seen(1_000).withCommand(ignore(50L, null), 70).lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);

        IssueState forever = seen(1_000).withCommand(ignore(null, null), 70);
        for (int i = 0; i < 100; i++) {
            forever = forever.withEvent(event(2_000 + i), 0, Long.MAX_VALUE / 2).state();
        }
        assertThat(forever.lifecycle().status()).isEqualTo(IssueStatus.IGNORED);
        assertThat(forever.atTime(Long.MAX_VALUE)).isSameAs(forever);
    }

    @Test
    void unresolvingClearsTheResolution() {
        IssueState reopened = seen(1_000)
                .withCommand(command(IssueStatus.RESOLVED, 5_000), 70)
                .withCommand(command(IssueStatus.UNRESOLVED, 6_000), 80);

        assertThat(reopened.lifecycle()).isEqualTo(IssueLifecycle.UNRESOLVED);
        assertThat(reopened.withEvent(event(7_000), 0, 90).lifecycleEvent()).isNull();
    }

    @Test
    void theStateExpiresARetentionAfterItsLastEventOrCommand() {
        IssueState state = seen(1_000).withCommand(command(IssueStatus.RESOLVED, 5_000), 70);

        assertThat(state.nextChangeAt(RETENTION)).isEqualTo(70 + RETENTION);
        assertThat(state.isExpiredAt(70 + RETENTION - 1, RETENTION)).isFalse();
        assertThat(state.isExpiredAt(70 + RETENTION, RETENTION)).isTrue();
        assertThat(seen(1_000).withCommand(ignore(RETENTION * 5, null), 70).nextChangeAt(RETENTION))
                .as("an ignore ending after the expiry does not keep the state").isEqualTo(70 + RETENTION);
    }

    @Test
    void theRowCarriesEveryColumnTheJobOwns() {
        IssueState state = seen(1_000).withEvent(grouped(1, "f", 3_000, "fatal", "app@2.0.0", "staging", "id:1"), 1, 0)
                .state().withCommand(ignore(90_000L, 10L), 70);

        assertThat(state.toRow(1, "f")).isEqualTo(new IssueRow(1, "f", "Error f", "com.acme.Culprit.run", "fatal",
                1_000, 3_000, 2, 1, "app@1.0.0", "app@2.0.0", List.of("production", "staging"),
                IssueStatus.IGNORED, null, null, 90_000L, 10L));
    }
}
