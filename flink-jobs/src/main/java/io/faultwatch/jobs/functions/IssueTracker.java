package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.HyperLogLog;
import io.faultwatch.jobs.IssueRow;
import io.faultwatch.jobs.IssueState;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of each issue (keyed by project + fingerprint): its events (input 1) and the status
 * commands of the query API (input 2) meet here, on the same keyed state, and every change emits the
 * issue's row with absolute values, so the PostgreSQL upsert converges to the same row when events are
 * replayed after a restore. New issues and regressions also go to {@link #LIFECYCLE_EVENTS}.
 *
 * <p>Why PostgreSQL converges on this function's status: the query API changes the row in a transaction
 * that keeps the row locked until Kafka has the command, and this function writes the row again after
 * applying the command; that upsert waits for the lock, so it lands after the API's write. A row written
 * for an event processed before the command (carrying the old status) may still land after the API's
 * write, but the row written for the command comes later. So the table always ends at the status held
 * here, which is the one the regression logic uses, even when an event raced the API.
 *
 * <p>State per issue: the {@link IssueState}, the users {@link HyperLogLog} apart from it (written only
 * when a register changes, which becomes rare as an issue's users grow, and at 16 KB when dense it is
 * the largest part), and the time of its one processing-time timer. The timer fires at the next time
 * the clock changes the issue: the end of an ignore, or the expiry a retention period after the last
 * event or command, when the whole state is dropped. Events move the expiry later without touching the
 * timer; when it fires early it is re-armed. So only an issue's first event arms it: an event never
 * brings the next change earlier (it keeps or ends an ignore and moves the expiry later), and reading
 * the armed time for every event was one of the four state accesses per event.
 *
 * <p>An issue whose state expired starts over as a new issue on its next event (so the retention should
 * match how long issues are kept). A command for an issue without state has no counters to apply to
 * and is dropped, counted.
 */
public class IssueTracker
        extends KeyedCoProcessFunction<Tuple2<Long, String>, GroupedEvent, IssueCommand, IssueRow> {

    public static final OutputTag<IssueEvent> LIFECYCLE_EVENTS =
            new OutputTag<>("issue-events", TypeInformation.of(IssueEvent.class));

    private static final Logger LOG = LoggerFactory.getLogger(IssueTracker.class);

    private final long retentionMs;

    private transient ValueState<IssueState> issue;
    private transient ValueState<byte[]> users;
    private transient EarliestTimer timer;
    private transient Counter commandsForUnknownIssues;

    public IssueTracker(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        issue = getRuntimeContext().getState(
                new ValueStateDescriptor<>("issue", TypeInformation.of(IssueState.class)));
        users = getRuntimeContext().getState(
                new ValueStateDescriptor<>("users", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        timer = new EarliestTimer(getRuntimeContext().getState(new ValueStateDescriptor<>("timer-at", Types.LONG)));
        commandsForUnknownIssues = getRuntimeContext().getMetricGroup().counter("commandsForUnknownIssues");
    }

    @Override
    public void processElement1(GroupedEvent event, Context ctx, Collector<IssueRow> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        IssueState current = issue.value();
        long distinctUsers = countUser(event.user(), current);
        IssueState.Update update = current == null
                ? IssueState.first(event, distinctUsers, now)
                : current.withEvent(event, distinctUsers, now);
        store(update.state(), ctx.getCurrentKey(), out);
        if (current == null) {
            timer.armAtOrBefore(update.state().nextChangeAt(retentionMs), ctx.timerService());
        }
        if (update.lifecycleEvent() != null) {
            ctx.output(LIFECYCLE_EVENTS, update.lifecycleEvent());
        }
    }

    @Override
    public void processElement2(IssueCommand command, Context ctx, Collector<IssueRow> out) throws Exception {
        IssueState current = issue.value();
        if (current == null) {
            commandsForUnknownIssues.inc();
            LOG.info("Dropped a {} command for issue {} of project {}: the job has no state for it (expired?)",
                    command.status().wireName(), command.fingerprint(), command.projectId());
            return;
        }
        IssueState applied = current.withCommand(command, ctx.timerService().currentProcessingTime());
        // Written even when unchanged: this row is what makes PostgreSQL converge on the job's status.
        store(applied, ctx.getCurrentKey(), out);
        timer.armAtOrBefore(applied.nextChangeAt(retentionMs), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IssueRow> out) throws Exception {
        timer.fired();
        IssueState current = issue.value();
        if (current == null) {
            return;
        }
        if (current.isExpiredAt(timestamp, retentionMs)) {
            issue.clear();
            users.clear();
            return;
        }
        IssueState later = current.atTime(timestamp);
        if (later != current) {
            store(later, ctx.getCurrentKey(), out);
        }
        timer.armAtOrBefore(later.nextChangeAt(retentionMs), ctx.timerService());
    }

    /** Adds the user to the issue's sketch; returns the distinct users including this one. */
    private long countUser(String user, IssueState current) throws Exception {
        long known = current == null ? 0 : current.aggregate().users();
        if (user == null) {
            return known;
        }
        HyperLogLog sketch = HyperLogLog.fromBytes(current == null ? null : users.value());
        if (!sketch.add(user)) {
            return known;
        }
        users.update(sketch.toBytes());
        return sketch.estimate();
    }

    private void store(IssueState state, Tuple2<Long, String> key, Collector<IssueRow> out) throws Exception {
        issue.update(state);
        out.collect(state.toRow(key.f0, key.f1));
    }
}
