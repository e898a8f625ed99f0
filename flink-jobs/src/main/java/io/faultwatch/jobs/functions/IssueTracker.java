package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.HyperLogLog;
import io.faultwatch.jobs.IssueEvents;
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
 * The single writer of each issue (keyed by project + fingerprint): its events (input 1, combined per
 * issue for up to half a second upstream: {@link IssueEvents}) and the status commands of the query API
 * (input 2) meet here, on the same keyed state, and every change emits the issue's row with absolute
 * values, so the PostgreSQL upsert converges to the same row when events are replayed after a restore.
 * New issues and regressions also go to {@link #LIFECYCLE_EVENTS}.
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
 * the armed time for every event was one of the four state accesses per event. The events of an issue
 * come combined so that the other three (state, sketch, write) happen once per issue and half second:
 * they were three quarters of this function's time when every event read and wrote them.
 *
 * <p>An issue whose state expired starts over as a new issue on its next event (so the retention should
 * match how long issues are kept). A command for an issue without state has no counters to apply to
 * and is dropped, counted.
 */
public class IssueTracker
        extends KeyedCoProcessFunction<Tuple2<Long, String>, IssueEvents, IssueCommand, IssueRow> {

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

    /**
     * Folds the events one by one, exactly as if each had come alone (every lifecycle event they cause is
     * emitted), but reads and writes the issue's state and users sketch once, and emits one row.
     */
    @Override
    public void processElement1(IssueEvents events, Context ctx, Collector<IssueRow> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        IssueState current = issue.value();
        IssueUsers issueUsers = new IssueUsers(current);
        IssueState state = current;
        for (GroupedEvent event : events.events()) {
            long distinctUsers = issueUsers.count(event.user());
            IssueState.Update update = state == null
                    ? IssueState.first(event, distinctUsers, now)
                    : state.withEvent(event, distinctUsers, now);
            state = update.state();
            if (update.lifecycleEvent() != null) {
                ctx.output(LIFECYCLE_EVENTS, update.lifecycleEvent());
            }
        }
        issueUsers.store();
        store(state, ctx.getCurrentKey(), out);
        if (current == null) {
            timer.armAtOrBefore(state.nextChangeAt(retentionMs), ctx.timerService());
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

    /** The users sketch of the issue being folded: read when a user first needs it, written once if it changed. */
    private final class IssueUsers {
        private final IssueState current;
        private long distinct;
        private HyperLogLog sketch;
        private boolean changed;

        IssueUsers(IssueState current) {
            this.current = current;
            this.distinct = current == null ? 0 : current.aggregate().users();
        }

        /** Adds the user, if any; returns the distinct users so far. */
        long count(String user) throws Exception {
            if (user == null) {
                return distinct;
            }
            if (sketch == null) {
                sketch = HyperLogLog.fromBytes(current == null ? null : users.value());
            }
            if (sketch.add(user)) {
                changed = true;
                distinct = sketch.estimate();
            }
            return distinct;
        }

        void store() throws Exception {
            if (changed) {
                users.update(sketch.toBytes());
            }
        }
    }

    private void store(IssueState state, Tuple2<Long, String> key, Collector<IssueRow> out) throws Exception {
        issue.update(state);
        out.collect(state.toRow(key.f0, key.f1));
    }
}
