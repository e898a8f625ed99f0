package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.alerting.TestRules.event;
import static io.faultwatch.jobs.alerting.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.alerting.AlertSignal;
import io.faultwatch.jobs.alerting.RuleSignal;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;
import java.util.Map;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RouteAlertSignalsTest {

    @Test
    void sendsASignalToEachRuleOfItsProjectThatAppliesAndFollowsRuleChanges() throws Exception {
        try (BroadcastOperatorTestHarness<AlertSignal, AlertRuleChange, RuleSignal> harness =
                     ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new RouteAlertSignals(),
                             RouteAlertSignals.RULES)) {
            AlertRule project = rule(AlertKind.EVENT_COUNT).id(1).build();
            AlertRule perIssue = rule(AlertKind.EVENT_COUNT).id(2).perIssue().build();
            AlertRule staging = rule(AlertKind.EVENT_COUNT).id(3).environment("staging").build();
            AlertRule otherProject = new AlertRule(4, 99, 1, "other", AlertKind.EVENT_COUNT, true, 60, 1, 0, false,
                    null, null, null, Map.of(), 0, 0, null, Map.of(), 60, null, null, null, 0);
            for (AlertRule rule : new AlertRule[] {project, perIssue, staging, otherProject}) {
                harness.processBroadcastElement(new AlertRuleChange(rule.id(), rule), 0);
            }

            AlertSignal first = event(1);
            harness.processElement(first, 1);
            harness.processBroadcastElement(new AlertRuleChange(2, null), 2);
            AlertSignal second = event(3);
            harness.processElement(second, 3);

            assertThat(harness.extractOutputValues()).containsExactly(new RuleSignal(1, "", first),
                    new RuleSignal(2, "f1", first), new RuleSignal(1, "", second));
        }
    }
}
