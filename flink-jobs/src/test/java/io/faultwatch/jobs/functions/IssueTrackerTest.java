package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.Harnesses.openedAtTimeZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.IssueEvents;
import io.faultwatch.jobs.IssueRow;
import io.faultwatch.jobs.TestEvents;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.IssueStatus;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IssueTrackerTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    /** Per issue: its state, its users sketch and the time of its timer. */
    private static final int STATE_ENTRIES = 3;

    private KeyedTwoInputStreamOperatorTestHarness<Tuple2<Long, String>, IssueEvents, IssueCommand, IssueRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = openHarness();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<Tuple2<Long, String>, IssueEvents, IssueCommand, IssueRow>
            openHarness() throws Exception {
        return openedAtTimeZero(new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new IssueTracker(RETENTION)),
                new IssueKeySelector(),
                new IssueCommandKeySelector(),
                Types.TUPLE(Types.LONG, Types.STRING)));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static GroupedEvent grouped(long projectId, String fingerprint, long receivedAt, String user) {
        return TestEvents.grouped(projectId, fingerprint, receivedAt, "error", "app@1.0.0", "production", user);
    }

    /** An event that came alone within its combining interval. */
    private void event(long projectId, String fingerprint, long receivedAt, String user) throws Exception {
        harness.processElement1(IssueEvents.of(grouped(projectId, fingerprint, receivedAt, user)), receivedAt);
    }

    private void command(IssueStatus status, long issuedAt, Long ignoreUntil, Long ignoreCount) throws Exception {
        harness.processElement2(resolvedAt(issuedAt, status, ignoreUntil, ignoreCount), issuedAt);
    }

    private static IssueCommand resolvedAt(long issuedAt, IssueStatus status, Long ignoreUntil, Long ignoreCount) {
        return new IssueCommand(1, "a", status, issuedAt, ignoreUntil, ignoreCount);
    }

    private IssueRow lastRow() {
        List<IssueRow> rows = harness.extractOutputValues();
        return rows.get(rows.size() - 1);
    }

    private List<IssueEvent> lifecycleEvents() {
        return harness.getSideOutput(IssueTracker.LIFECYCLE_EVENTS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aNewIssueAndItsRepeatsEmitAbsoluteRowsAndOneNewIssueEvent() throws Exception {
        event(1, "a", 1_000, "id:1");
        event(1, "a", 3_000, "id:2");
        event(2, "a", 2_000, null);
        event(1, "a", 2_000, "id:1");

        assertThat(harness.extractOutputValues())
                .extracting(IssueRow::projectId, IssueRow::timesSeen, IssueRow::firstSeen, IssueRow::lastSeen,
                        IssueRow::users, IssueRow::status)
                .containsExactly(
                        tuple(1L, 1L, 1_000L, 1_000L, 1L, IssueStatus.UNRESOLVED),
                        tuple(1L, 2L, 1_000L, 3_000L, 2L, IssueStatus.UNRESOLVED),
                        tuple(2L, 1L, 2_000L, 2_000L, 0L, IssueStatus.UNRESOLVED),
                        tuple(1L, 3L, 1_000L, 3_000L, 2L, IssueStatus.UNRESOLVED));
        IssueRow first = harness.extractOutputValues().get(0);
        assertThat(first.fingerprint()).isEqualTo("a");
        assertThat(first.title()).isEqualTo("Error a");
        assertThat(first.firstRelease()).isEqualTo("app@1.0.0");
        assertThat(first.environments()).containsExactly("production");
        assertThat(lifecycleEvents()).extracting(IssueEvent::type, IssueEvent::projectId, IssueEvent::occurredAt)
                .containsExactly(
                        tuple(IssueEvent.Type.NEW_ISSUE, 1L, 1_000L),
                        tuple(IssueEvent.Type.NEW_ISSUE, 2L, 2_000L));
    }

    /** Combining only saves state accesses: the events' fold, rows and lifecycle events are those of one by one. */
    @Test
    void anIssuesEventsTogetherEndWhereTheyEndOneByOne() throws Exception {
        List<GroupedEvent> events = List.of(
                grouped(1, "a", 4_000, "id:2"),
                grouped(1, "a", 6_000, "id:3"),
                grouped(1, "a", 2_000, null),
                grouped(1, "a", 7_000, "id:1"),
                grouped(1, "a", 8_000, "id:4"));
        GroupedEvent first = grouped(1, "a", 1_000, "id:1");
        var oneByOne = openHarness();
        for (var tracker : List.of(harness, oneByOne)) {
            tracker.processElement1(IssueEvents.of(first), 1_000);
            tracker.processElement2(resolvedAt(5_000, IssueStatus.RESOLVED, null, null), 5_000);
        }
        harness.processElement1(new IssueEvents(1, "a", events), 8_000);
        for (GroupedEvent event : events) {
            oneByOne.processElement1(IssueEvents.of(event), event.receivedAt());
        }

        List<IssueRow> rows = harness.extractOutputValues();
        List<IssueRow> rowsOneByOne = oneByOne.extractOutputValues();
        assertThat(rows).as("one row for the events together").hasSize(3);
        assertThat(rows.get(2)).isEqualTo(rowsOneByOne.get(rowsOneByOne.size() - 1));
        assertThat(rows.get(2)).extracting(IssueRow::timesSeen, IssueRow::users, IssueRow::status, IssueRow::firstSeen,
                        IssueRow::lastSeen)
                .containsExactly(6L, 4L, IssueStatus.UNRESOLVED, 1_000L, 8_000L);
        assertThat(lifecycleEvents()).as("the regression is the first event received after the resolution")
                .extracting(IssueEvent::type, IssueEvent::occurredAt, IssueEvent::eventId)
                .containsExactly(tuple(IssueEvent.Type.NEW_ISSUE, 1_000L, first.eventId()),
                        tuple(IssueEvent.Type.REGRESSION, 6_000L, events.get(1).eventId()));
        assertThat(lifecycleEvents()).isEqualTo(
                oneByOne.getSideOutput(IssueTracker.LIFECYCLE_EVENTS).stream().map(StreamRecord::getValue).toList());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(STATE_ENTRIES);
        oneByOne.close();
    }

    @Test
    void aResolvedIssueReopensOnItsNextEventAsARegression() throws Exception {
        event(1, "a", 1_000, null);
        command(IssueStatus.RESOLVED, 5_000, null, null);
        assertThat(lastRow().status()).as("the row is written again for the command").isEqualTo(IssueStatus.RESOLVED);
        assertThat(lastRow().resolvedAt()).isEqualTo(5_000);
        assertThat(lastRow().timesSeen()).isEqualTo(1);

        event(1, "a", 4_000, null);
        assertThat(lastRow().status()).as("received before the resolution").isEqualTo(IssueStatus.RESOLVED);
        event(1, "a", 6_000, null);

        assertThat(lastRow().status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(lastRow().resolvedAt()).isNull();
        assertThat(lastRow().timesSeen()).isEqualTo(3);
        assertThat(lifecycleEvents()).extracting(IssueEvent::type, IssueEvent::occurredAt)
                .containsExactly(tuple(IssueEvent.Type.NEW_ISSUE, 1_000L), tuple(IssueEvent.Type.REGRESSION, 6_000L));
    }

    @Test
    void anIssueIgnoredUntilNMoreEventsIsUnresolvedByTheNth() throws Exception {
        event(1, "a", 1_000, null);
        command(IssueStatus.IGNORED, 2_000, null, 2L);
        assertThat(lastRow().status()).isEqualTo(IssueStatus.IGNORED);
        assertThat(lastRow().ignoreCount()).isEqualTo(2);

        event(1, "a", 3_000, null);
        assertThat(lastRow().status()).isEqualTo(IssueStatus.IGNORED);
        event(1, "a", 4_000, null);

        assertThat(lastRow().status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(lastRow().ignoreCount()).isNull();
        assertThat(lifecycleEvents()).extracting(IssueEvent::type).containsExactly(IssueEvent.Type.NEW_ISSUE);
    }

    @Test
    void anIssueIgnoredUntilATimeIsUnresolvedByItsTimerThenExpires() throws Exception {
        event(1, "a", 1_000, null);
        long until = RETENTION.toMillis() / 4;
        command(IssueStatus.IGNORED, 2_000, until, null);
        assertThat(harness.numProcessingTimeTimers()).as("moved earlier, to the end of the ignore").isEqualTo(1);
        int rows = harness.extractOutputValues().size();

        harness.setProcessingTime(until);

        assertThat(harness.extractOutputValues()).hasSize(rows + 1);
        assertThat(lastRow().status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(lastRow().ignoreUntil()).isNull();
        assertThat(harness.numProcessingTimeTimers()).as("re-armed for the expiry").isEqualTo(1);

        harness.setProcessingTime(RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    /** Events of a known issue leave its timer alone: they never bring the next change earlier. */
    @Test
    void eventsDuringAnIgnoreUntilATimeKeepItsTimer() throws Exception {
        event(1, "a", 1_000, null);
        long until = RETENTION.toMillis() / 4;
        command(IssueStatus.IGNORED, 2_000, until, null);
        harness.setProcessingTime(until / 2);
        event(1, "a", 3_000, null);
        assertThat(lastRow().status()).isEqualTo(IssueStatus.IGNORED);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(until);
        assertThat(lastRow().status()).as("unresolved by the timer at the end of the ignore")
                .isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(harness.numProcessingTimeTimers()).as("re-armed for the expiry").isEqualTo(1);

        harness.setProcessingTime(until / 2 + RETENTION.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).as("a retention after the last event, not yet").isPositive();
        harness.setProcessingTime(until / 2 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void stateAndTimersDropToZeroOnceAnIssueIsQuietForTheRetention() throws Exception {
        event(1, "a", 1_000, "id:1");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(STATE_ENTRIES);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        // An event and a command half-way move the expiry without adding a timer.
        harness.setProcessingTime(RETENTION.toMillis() / 2);
        event(1, "a", 2_000, "id:2");
        command(IssueStatus.RESOLVED, 2_500, null, null);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).as("re-armed, not expired yet").isEqualTo(STATE_ENTRIES);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(RETENTION.toMillis() / 2 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anIssueSeenAfterExpiryStartsOverAsANewIssue() throws Exception {
        event(1, "a", 1_000, "id:1");
        command(IssueStatus.RESOLVED, 2_000, null, null);
        harness.setProcessingTime(RETENTION.toMillis());
        event(1, "a", 5_000, "id:2");

        assertThat(lastRow().timesSeen()).isEqualTo(1);
        assertThat(lastRow().firstSeen()).isEqualTo(5_000);
        assertThat(lastRow().users()).isEqualTo(1);
        assertThat(lastRow().status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(lifecycleEvents()).extracting(IssueEvent::type)
                .containsExactly(IssueEvent.Type.NEW_ISSUE, IssueEvent.Type.NEW_ISSUE);
    }

    @Test
    void aCommandForAnIssueWithoutStateIsDroppedAndLeavesNothing() throws Exception {
        command(IssueStatus.RESOLVED, 2_000, null, null);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
