package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.alerting.AlertStateMachine;
import io.faultwatch.jobs.alerting.GroupState;
import io.faultwatch.jobs.alerting.RuleSignal;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.AlertRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates one rule (the key) over its routed signals with {@link AlertStateMachine}, and emits its
 * notifications. State per rule: each group's {@link GroupState} (one group for a project-wide rule, one
 * per issue otherwise), the rule's FIRING notification times of the last hour (the global cap), and the
 * time of its one processing-time timer, which re-evaluates the groups as time passes (windows empty,
 * snoozes and action intervals end) until every group is done and dropped.
 *
 * <p>The rules come from broadcast state ({@link RouteAlertSignals#RULES}). Deleting or disabling a rule,
 * or changing how it evaluates, drops its groups at once; a change of name, channels, snooze or mute
 * applies to the running state.
 */
public class EvaluateAlerts extends KeyedBroadcastProcessFunction<Long, RuleSignal, AlertRuleChange, AlertNotification> {

    static final MapStateDescriptor<String, GroupState> GROUPS =
            new MapStateDescriptor<>("alert-groups", Types.STRING, TypeInformation.of(GroupState.class));
    static final ValueStateDescriptor<List<Long>> SENT_TIMES =
            new ValueStateDescriptor<>("alert-sent-times", Types.LIST(Types.LONG));
    static final ValueStateDescriptor<Long> TIMER_AT = new ValueStateDescriptor<>("alert-timer-at", Types.LONG);

    private transient MapState<String, GroupState> groups;
    private transient ValueState<List<Long>> sentTimes;
    private transient EarliestTimer timer;

    @Override
    public void open(OpenContext openContext) {
        groups = getRuntimeContext().getMapState(GROUPS);
        sentTimes = getRuntimeContext().getState(SENT_TIMES);
        timer = new EarliestTimer(getRuntimeContext().getState(TIMER_AT));
    }

    @Override
    public void processElement(RuleSignal routed, ReadOnlyContext ctx, Collector<AlertNotification> out)
            throws Exception {
        AlertRule rule = ctx.getBroadcastState(RouteAlertSignals.RULES).get(routed.ruleId());
        if (rule == null || !rule.enabled()) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        GroupState group = groups.get(routed.group());
        if (group == null) {
            group = new GroupState();
        }
        List<Long> sent = sentTimes();
        emit(AlertStateMachine.onSignal(rule, routed.group(), group, routed.signal(), sent, now), out);
        if (AlertStateMachine.isDone(rule, group, Math.max(now, group.latestSignalAt))) {
            groups.remove(routed.group());
        } else {
            groups.put(routed.group(), group);
        }
        store(sent, now);
        schedule(rule, now, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertNotification> out) throws Exception {
        timer.fired();
        AlertRule rule = ctx.getBroadcastState(RouteAlertSignals.RULES).get(ctx.getCurrentKey());
        if (rule == null || !rule.enabled()) {
            groups.clear();
            sentTimes.clear();
            return;
        }
        List<Long> sent = sentTimes();
        Iterator<Map.Entry<String, GroupState>> entries = groups.iterator();
        List<Map.Entry<String, GroupState>> changed = new ArrayList<>();
        while (entries.hasNext()) {
            Map.Entry<String, GroupState> entry = entries.next();
            GroupState group = entry.getValue();
            emit(AlertStateMachine.onTime(rule, entry.getKey(), group, sent, timestamp, timestamp), out);
            if (AlertStateMachine.isDone(rule, group, timestamp)) {
                entries.remove();
            } else {
                changed.add(entry);
            }
        }
        if (changed.isEmpty()) {
            groups.clear();
        }
        for (Map.Entry<String, GroupState> entry : changed) {
            groups.put(entry.getKey(), entry.getValue());
        }
        store(sent, timestamp);
        schedule(rule, timestamp, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(AlertRuleChange change, Context ctx, Collector<AlertNotification> out)
            throws Exception {
        AlertRule before = RouteAlertSignals.apply(change, ctx.getBroadcastState(RouteAlertSignals.RULES));
        AlertRule after = ctx.getBroadcastState(RouteAlertSignals.RULES).get(change.ruleId());
        if (before == null) {
            return;
        }
        boolean stopped = after == null || !after.enabled();
        if (stopped || !after.evaluatesLike(before)) {
            ctx.applyToKeyedState(GROUPS, (ruleId, state) -> clearIfOf(change.ruleId(), ruleId, state));
        }
        if (stopped) {
            ctx.applyToKeyedState(SENT_TIMES, (ruleId, state) -> clearIfOf(change.ruleId(), ruleId, state));
            ctx.applyToKeyedState(TIMER_AT, (ruleId, state) -> clearIfOf(change.ruleId(), ruleId, state));
        }
    }

    private static void clearIfOf(long changedRule, long ruleId, State state) {
        if (ruleId == changedRule) {
            state.clear();
        }
    }

    private List<Long> sentTimes() throws Exception {
        List<Long> sent = sentTimes.value();
        return sent == null ? new ArrayList<>() : new ArrayList<>(sent);
    }

    /** The notification times that still count towards the hourly cap; none stored when there are none. */
    private void store(List<Long> sent, long now) throws Exception {
        sent.removeIf(time -> time <= now - AlertStateMachine.HOUR_MS);
        if (sent.isEmpty()) {
            sentTimes.clear();
        } else {
            sentTimes.update(sent);
        }
    }

    /**
     * Keeps one timer per rule: a tick away while a group is left to evaluate, else when the oldest
     * notification leaves the hourly cap, so the rule's state drains completely.
     */
    private void schedule(AlertRule rule, long now, TimerService timers) throws Exception {
        long next;
        if (!groups.isEmpty()) {
            next = now + AlertStateMachine.tickMillis(rule);
        } else if (sentTimes.value() != null) {
            next = sentTimes.value().get(0) + AlertStateMachine.HOUR_MS;
        } else {
            return;
        }
        timer.armAtOrBefore(next, timers);
    }

    private static void emit(List<AlertNotification> notifications, Collector<AlertNotification> out) {
        notifications.forEach(out::collect);
    }
}
