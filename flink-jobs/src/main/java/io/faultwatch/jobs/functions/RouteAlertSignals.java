package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.alerting.AlertSignal;
import io.faultwatch.jobs.alerting.RuleMatcher;
import io.faultwatch.jobs.alerting.RuleSignal;
import io.faultwatch.model.AlertRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each signal to every rule of its project that applies to it, keyed for {@link EvaluateAlerts}.
 * The rules are broadcast state, fed by the compacted rules topic, so a change reaches every instance
 * within moments and without a restart.
 */
public class RouteAlertSignals extends BroadcastProcessFunction<AlertSignal, AlertRuleChange, RuleSignal> {

    /** The current rules by id, shared by this operator and {@link EvaluateAlerts}. */
    public static final MapStateDescriptor<Long, AlertRule> RULES =
            new MapStateDescriptor<>("alert-rules", Types.LONG, TypeInformation.of(AlertRule.class));

    /** The broadcast state indexed by project; rebuilt after a change (and after a restore) when first needed. */
    private transient Map<Long, List<AlertRule>> rulesByProject;

    @Override
    public void processElement(AlertSignal signal, ReadOnlyContext ctx, Collector<RuleSignal> out) throws Exception {
        for (AlertRule rule : rulesOf(signal.projectId(), ctx.getBroadcastState(RULES))) {
            if (RuleMatcher.applies(rule, signal)) {
                out.collect(new RuleSignal(rule.id(), RuleMatcher.group(rule, signal), signal));
            }
        }
    }

    @Override
    public void processBroadcastElement(AlertRuleChange change, Context ctx, Collector<RuleSignal> out) throws Exception {
        apply(change, ctx.getBroadcastState(RULES));
        rulesByProject = null;
    }

    /**
     * Applies a change to the rules; returns the rule it replaced or removed, or null. An older version than
     * the one held (a replayed record) changes nothing and returns the held rule.
     */
    static AlertRule apply(AlertRuleChange change, BroadcastState<Long, AlertRule> rules) throws Exception {
        AlertRule held = rules.get(change.ruleId());
        if (change.isDeletion()) {
            rules.remove(change.ruleId());
        } else if (held == null || change.rule().version() >= held.version()) {
            rules.put(change.ruleId(), change.rule());
        }
        return held;
    }

    private List<AlertRule> rulesOf(long projectId, ReadOnlyBroadcastState<Long, AlertRule> rules) throws Exception {
        if (rulesByProject == null) {
            rulesByProject = new HashMap<>();
            for (Map.Entry<Long, AlertRule> rule : rules.immutableEntries()) {
                rulesByProject.computeIfAbsent(rule.getValue().projectId(), p -> new ArrayList<>()).add(rule.getValue());
            }
        }
        return rulesByProject.getOrDefault(projectId, List.of());
    }
}
