package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.alerting.TestRules.event;
import static io.faultwatch.jobs.alerting.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.alerting.RuleSignal;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.AlertNotification.State;
import io.faultwatch.model.AlertRule;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvaluateAlertsTest {

    private static final long T = 1_800_000_000_000L;

    private KeyedBroadcastOperatorTestHarness<Long, RuleSignal, AlertRuleChange, AlertNotification> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new EvaluateAlerts(),
                new RuleSignalKeySelector(), Types.LONG, RouteAlertSignals.RULES);
        harness.setProcessingTime(T);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void publish(AlertRule rule) throws Exception {
        harness.processBroadcastElement(new AlertRuleChange(rule.id(), rule), T);
    }

    private void events(int count, long from) throws Exception {
        for (int i = 0; i < count; i++) {
            harness.processElement(new RuleSignal(1, "", event(from + i)), from + i);
        }
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void firesOnTheCrossingEventAndResolvesOnATimerThenDropsItsState() throws Exception {
        publish(rule(AlertKind.EVENT_COUNT).thresholds(2, 0).window(60).actionInterval(60).build());

        events(3, T);
        assertThat(harness.extractOutputValues()).extracting(AlertNotification::state).containsExactly(State.FIRING);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(T + 61_000);
        assertThat(harness.extractOutputValues()).extracting(AlertNotification::state)
                .containsExactly(State.FIRING, State.RESOLVED);

        harness.setProcessingTime(T + 200_000);
        assertThat(harness.numProcessingTimeTimers()).as("the hourly cap remembers the notification").isEqualTo(1);
        harness.setProcessingTime(T + 3_601_000);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void aRuleChangeAppliesWithoutRestartAndAChangedConditionStartsOver() throws Exception {
        publish(rule(AlertKind.EVENT_COUNT).thresholds(5, 0).build());
        events(3, T);
        assertThat(harness.extractOutputValues()).isEmpty();

        publish(rule(AlertKind.EVENT_COUNT).version(2).thresholds(5, 0).snoozedUntil(T - 1).build());
        events(3, T + 10);
        assertThat(harness.extractOutputValues()).as("a snooze change keeps the counts: 6 > 5").hasSize(1);

        publish(rule(AlertKind.EVENT_COUNT).version(3).thresholds(3, 0).build());
        events(3, T + 20);
        assertThat(harness.extractOutputValues()).as("a new threshold starts over: 3 is not above 3").hasSize(1);
        events(1, T + 30);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void aDeletedOrDisabledRuleStopsAtOnceAndAnOlderVersionIsIgnored() throws Exception {
        publish(rule(AlertKind.EVENT_COUNT).version(2).thresholds(1, 0).build());
        publish(rule(AlertKind.EVENT_COUNT).version(1).thresholds(100, 0).build());
        events(2, T);
        assertThat(harness.extractOutputValues()).as("version 2 still holds").hasSize(1);

        publish(rule(AlertKind.EVENT_COUNT).version(3).thresholds(1, 0).enabled(false).build());
        assertThat(keyedStateEntries()).isZero();
        events(5, T + 10);
        harness.processBroadcastElement(new AlertRuleChange(1, null), T);
        events(5, T + 20);
        harness.setProcessingTime(T + 3_600_000);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(keyedStateEntries()).isZero();
    }
}
