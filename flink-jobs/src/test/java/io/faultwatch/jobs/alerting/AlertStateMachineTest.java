package io.faultwatch.jobs.alerting;

import static io.faultwatch.jobs.alerting.TestRules.event;
import static io.faultwatch.jobs.alerting.TestRules.lifecycle;
import static io.faultwatch.jobs.alerting.TestRules.rule;
import static io.faultwatch.jobs.alerting.TestRules.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.AlertNotification.State;
import io.faultwatch.model.AlertRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind through OK → FIRING → RESOLVED, with hysteresis, throttling, the hourly cap, snooze and mute. */
class AlertStateMachineTest {

    private static final long T = 1_800_000_000_000L;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;

    /** One rule's state as the operator keeps it: groups and the rule's sent times. */
    private static final class Rule {
        final AlertRule rule;
        final Map<String, GroupState> groups = new HashMap<>();
        final List<Long> sentTimes = new ArrayList<>();

        Rule(AlertRule rule) {
            this.rule = rule;
        }

        List<AlertNotification> signal(AlertSignal signal) {
            String group = RuleMatcher.group(rule, signal);
            return AlertStateMachine.onSignal(rule, group, groups.computeIfAbsent(group, g -> new GroupState()), signal,
                    sentTimes, signal.receivedAt() + 5);
        }

        /** Events at the given times; returns every notification they made. */
        List<AlertNotification> events(long... times) {
            List<AlertNotification> all = new ArrayList<>();
            for (long time : times) {
                all.addAll(signal(event(time)));
            }
            return all;
        }

        List<AlertNotification> tick(long now) {
            List<AlertNotification> all = new ArrayList<>();
            groups.forEach((group, state) -> all.addAll(AlertStateMachine.onTime(rule, group, state, sentTimes, now, now)));
            return all;
        }
    }

    private static long[] every(long from, long step, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = from + i * step;
        }
        return times;
    }

    @Test
    void eventCountFiresOnceWhenTheWindowExceedsTheThreshold() {
        Rule count = new Rule(rule(AlertKind.EVENT_COUNT).build());

        assertThat(count.events(every(T, SECOND, 10))).isEmpty();
        List<AlertNotification> fired = count.events(T + 10 * SECOND);
        assertThat(count.events(every(T + 11 * SECOND, SECOND, 20))).as("still firing: notified once").isEmpty();

        assertThat(fired).containsExactly(new AlertNotification(
                AlertNotification.id(1, RuleMatcher.PROJECT, T + 10 * SECOND, State.FIRING, 0), 1, 1, TestRules.PROJECT,
                "event_count rule", AlertKind.EVENT_COUNT, State.FIRING, null, "production", null, 11, null, 10, 60,
                T, T + 10 * SECOND, T + 10 * SECOND, T + 10 * SECOND + 5, 0, "events"));
    }

    @Test
    void eventCountResolvesOnlyAtTheResolveThreshold() {
        Rule count = new Rule(rule(AlertKind.EVENT_COUNT).build());
        count.events(every(T, SECOND, 11));

        // 11 events in [T, T+10s]; at T+64s the window (T+5s, T+65s) holds 5 of them... first 8 of them.
        assertThat(count.tick(T + 62 * SECOND)).as("8 left: between the thresholds, still firing").isEmpty();
        assertThat(count.groups.get("").firing).isTrue();
        List<AlertNotification> resolved = count.tick(T + 65 * SECOND);

        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(State.RESOLVED);
            assertThat(n.value()).isEqualTo(5);
            assertThat(n.id()).isEqualTo(AlertNotification.id(1, "", T + 10 * SECOND, State.RESOLVED, 0));
            assertThat(n.triggeredAt()).isEqualTo(T + 65 * SECOND);
        });
        assertThat(count.tick(T + 80 * SECOND)).isEmpty();
        assertThat(AlertStateMachine.isDone(count.rule, count.groups.get(""), T + 80 * SECOND))
                .as("kept to throttle the next firing").isFalse();
        assertThat(AlertStateMachine.isDone(count.rule, count.groups.get(""), T + 10 * SECOND + 30 * MINUTE)).isTrue();
    }

    @Test
    void aPerIssueRuleCountsEachIssueApart() {
        Rule count = new Rule(rule(AlertKind.EVENT_COUNT).perIssue().thresholds(2, 0).build());

        List<AlertNotification> fired = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fired.addAll(count.signal(event(T + i, "a", Map.of())));
            fired.addAll(count.signal(event(T + i, "b", Map.of())));
        }

        assertThat(fired).extracting(AlertNotification::fingerprint).containsExactly("a", "b");
        assertThat(fired).extracting(AlertNotification::title).containsExactly("Error a", "Error b");
    }

    @Test
    void aLastingFiringRemindsOncePerActionInterval() {
        Rule count = new Rule(rule(AlertKind.EVENT_COUNT).thresholds(0, 0).actionInterval(600).build());

        assertThat(count.events(T)).hasSize(1);
        assertThat(count.events(every(T + MINUTE, MINUTE, 9))).as("within 10 minutes").isEmpty();
        List<AlertNotification> reminder = count.events(T + 10 * MINUTE);

        assertThat(reminder).singleElement().satisfies(n -> {
            assertThat(n.sequence()).isEqualTo(1);
            assertThat(n.id()).isEqualTo(AlertNotification.id(1, "", T, State.FIRING, 1));
        });
    }

    @Test
    void aNewFiringWithinTheActionIntervalWaitsAndIsNotResolvedIfNeverSent() {
        Rule count = new Rule(rule(AlertKind.EVENT_COUNT).thresholds(1, 0).actionInterval(600).build());
        assertThat(count.events(T, T + 1)).hasSize(1);
        assertThat(count.tick(T + 2 * MINUTE)).extracting(AlertNotification::state).containsExactly(State.RESOLVED);

        assertThat(count.events(T + 3 * MINUTE, T + 3 * MINUTE + 1)).as("throttled").isEmpty();
        assertThat(count.tick(T + 5 * MINUTE)).as("resolved, never sent: nothing to resolve").isEmpty();

        long late = T + 9 * MINUTE + 30 * SECOND;
        assertThat(count.events(late, late + 1)).isEmpty();
        List<AlertNotification> afterInterval = count.tick(T + 10 * MINUTE + 1);
        assertThat(afterInterval).as("still firing when the interval ends").singleElement()
                .satisfies(n -> assertThat(n.triggeredAt()).isEqualTo(late + 1));
    }

    @Test
    void aRuleSendsAtMostTenNotificationsAnHour() {
        Rule perIssue = new Rule(rule(AlertKind.EVENT_COUNT).perIssue().thresholds(0, 0).build());

        List<AlertNotification> fired = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fired.addAll(perIssue.signal(event(T + i * SECOND, "issue-" + i, Map.of())));
        }
        assertThat(fired).hasSize(AlertStateMachine.MAX_PER_RULE_PER_HOUR);

        assertThat(perIssue.signal(event(T + 61 * MINUTE, "issue-12", Map.of()))).as("an hour later").hasSize(1);
    }

    @Test
    void snoozedFiringsNotifyWhenTheSnoozeEndsIfStillFiring() {
        Rule snoozed = new Rule(rule(AlertKind.EVENT_COUNT).thresholds(0, 0).window(600)
                .snoozedUntil(T + MINUTE).build());

        assertThat(snoozed.events(T)).isEmpty();
        assertThat(snoozed.tick(T + 30 * SECOND)).isEmpty();
        assertThat(snoozed.tick(T + MINUTE)).singleElement()
                .satisfies(n -> assertThat(n.triggeredAt()).as("the crossing event").isEqualTo(T));
    }

    @Test
    void mutedFiringsAreNeverNotifiedButLaterOnesAre() {
        Rule muted = new Rule(rule(AlertKind.EVENT_COUNT).thresholds(0, 0).mutedUntil(T + MINUTE).build());

        assertThat(muted.events(T)).isEmpty();
        assertThat(muted.events(T + 2 * MINUTE)).as("the same firing, after the mute").isEmpty();
        assertThat(muted.tick(T + 4 * MINUTE)).as("its resolution is not news either").isEmpty();
        assertThat(muted.events(T + 5 * MINUTE)).as("a new firing").extracting(AlertNotification::state)
                .containsExactly(State.FIRING);
    }

    @Test
    void errorsPerMinuteAreTheWindowsCountPerMinute() {
        Rule rate = new Rule(rule(AlertKind.ERROR_RATE).window(120).thresholds(5, 2).build());

        assertThat(rate.events(every(T, SECOND, 10))).isEmpty();
        assertThat(rate.events(T + 10 * SECOND)).singleElement()
                .satisfies(n -> assertThat(n.value()).isEqualTo(5.5));
    }

    @Test
    void erroredSessionRateNeedsEnoughSessions() {
        Rule rate = new Rule(rule(AlertKind.ERROR_RATE).rateSource(AlertRule.RATE_FROM_SESSIONS).thresholds(20, 10)
                .minCount(10).build());

        assertThat(rate.signal(sessions(T, 4, 4))).as("4 sessions: too few to judge").isEmpty();
        assertThat(rate.signal(sessions(T + SECOND, 4, 0))).as("4 of 8").isEmpty();
        assertThat(rate.signal(sessions(T + 2 * SECOND, 2, 0))).as("4 of 10 = 40%").singleElement()
                .satisfies(n -> assertThat(n.value()).isEqualTo(40.0));
        assertThat(rate.signal(sessions(T + 3 * SECOND, 20, 0))).as("4 of 30: between the thresholds").isEmpty();
        assertThat(rate.signal(sessions(T + 4 * SECOND, 10, 0))).as("4 of 40 = 10%")
                .extracting(AlertNotification::state).containsExactly(State.RESOLVED);
    }

    @Test
    void aSpikeIsMeasuredAgainstTheMeanOfThePreviousWindows() {
        Rule spike = new Rule(rule(AlertKind.SPIKE).window(60).thresholds(3, 1.5).baseline(3, 5).build());
        // Two events in each of the three windows before [T + 3 min, T + 4 min): baseline 2, fire above 6.
        spike.events(T, T + 1, T + MINUTE, T + MINUTE + 1, T + 2 * MINUTE, T + 2 * MINUTE + 1);

        assertThat(spike.events(every(T + 3 * MINUTE, SECOND, 6))).as("6 = 3 x 2").isEmpty();
        List<AlertNotification> fired = spike.events(T + 3 * MINUTE + 6 * SECOND);

        assertThat(fired).singleElement().satisfies(n -> {
            assertThat(n.value()).isEqualTo(7);
            assertThat(n.baseline()).isEqualTo(2.0);
            assertThat(n.threshold()).isEqualTo(6.0);
        });
    }

    @Test
    void aSpikeAfterSilenceNeedsTheMinimumCountAndResolvesBelowIt() {
        Rule spike = new Rule(rule(AlertKind.SPIKE).window(60).thresholds(3, 1.5).baseline(3, 5).build());

        assertThat(spike.events(every(T, SECOND, 4))).isEmpty();
        assertThat(spike.events(T + 4 * SECOND)).singleElement().satisfies(n -> assertThat(n.baseline()).isZero());
        assertThat(spike.tick(T + 30 * SECOND)).isEmpty();
        assertThat(spike.tick(T + 61 * SECOND)).as("4 left, under the minimum").extracting(AlertNotification::state)
                .containsExactly(State.RESOLVED);
    }

    @Test
    void consecutiveFailuresFireOnAnUnbrokenStreakAndResolveAfterSuccesses() {
        Rule down = new Rule(rule(AlertKind.CONSECUTIVE_FAILURES).thresholds(3, 2)
                .failureTags(Map.of("status_code", "5xx")).build());
        Map<String, String> failure = Map.of("status_code", "503");
        Map<String, String> success = Map.of("status_code", "200");

        assertThat(down.signal(event(T, "f", failure))).isEmpty();
        assertThat(down.signal(event(T + 1, "f", failure))).isEmpty();
        assertThat(down.signal(event(T + 2, "f", success))).as("a success breaks the streak").isEmpty();
        assertThat(down.signal(event(T + 3, "f", failure))).isEmpty();
        assertThat(down.signal(event(T + 4, "f", failure))).isEmpty();
        assertThat(down.signal(event(T + 5, "f", failure))).singleElement()
                .satisfies(n -> assertThat(n.value()).isEqualTo(3));
        assertThat(down.signal(event(T + 6, "f", success))).as("one success of two").isEmpty();
        assertThat(down.signal(event(T + 7, "f", success))).extracting(AlertNotification::state)
                .containsExactly(State.RESOLVED);
    }

    @Test
    void aStreakThatIsNotFiringStartsOverAfterAQuietWindow() {
        Rule down = new Rule(rule(AlertKind.CONSECUTIVE_FAILURES).thresholds(2, 1).window(60).build());

        assertThat(down.events(T)).isEmpty();
        assertThat(down.events(T + 2 * MINUTE)).isEmpty();
        assertThat(down.events(T + 2 * MINUTE + 1)).hasSize(1);
    }

    @Test
    void newIssuesNotifyPerIssueAndRegressionsOfOneIssueAreThrottled() {
        Rule newIssues = new Rule(rule(AlertKind.NEW_ISSUE).build());
        assertThat(newIssues.signal(lifecycle(AlertSignal.Type.NEW_ISSUE, T, "a"))).singleElement()
                .satisfies(n -> assertThat(n.fingerprint()).isEqualTo("a"));
        assertThat(newIssues.signal(lifecycle(AlertSignal.Type.NEW_ISSUE, T + 1, "b"))).hasSize(1);

        Rule regressions = new Rule(rule(AlertKind.REGRESSION).actionInterval(600).build());
        assertThat(regressions.signal(lifecycle(AlertSignal.Type.REGRESSION, T, "a"))).hasSize(1);
        assertThat(regressions.signal(lifecycle(AlertSignal.Type.REGRESSION, T + MINUTE, "a"))).isEmpty();
        assertThat(regressions.tick(T + 20 * MINUTE)).as("nothing to resolve").isEmpty();
        assertThat(regressions.signal(lifecycle(AlertSignal.Type.REGRESSION, T + 11 * MINUTE, "a"))).singleElement()
                .satisfies(n -> assertThat(n.id()).isEqualTo(AlertNotification.id(1, "a", T + 11 * MINUTE, State.FIRING, 0)));
        assertThat(AlertStateMachine.isDone(regressions.rule, regressions.groups.get("a"), T + 21 * MINUTE)).isTrue();
    }
}
