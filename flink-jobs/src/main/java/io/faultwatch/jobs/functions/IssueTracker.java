package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.IssueAggregate;
import io.faultwatch.jobs.IssueRow;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each issue's counters (keyed by project + fingerprint) and emits the issue's row with
 * absolute values on every event, so the PostgreSQL upsert converges to the same row when events
 * are replayed after a restore.
 *
 * <p>An issue that gets no event for the retention period is dropped from state. One processing
 * time timer per issue enforces it: when it fires early because events arrived meanwhile, it is
 * re-armed for the new expiry instead of being moved on every event.
 */
public class IssueTracker extends KeyedProcessFunction<Tuple2<Long, String>, GroupedEvent, IssueRow> {

    private final long retentionMs;

    private transient ValueState<IssueAggregate> issue;
    private transient ValueState<Long> expiresAt;

    public IssueTracker(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        issue = getRuntimeContext().getState(
                new ValueStateDescriptor<>("issue", TypeInformation.of(IssueAggregate.class)));
        expiresAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expires-at", Types.LONG));
    }

    @Override
    public void processElement(GroupedEvent event, Context ctx, Collector<IssueRow> out) throws Exception {
        IssueAggregate current = issue.value();
        IssueAggregate updated = current == null ? IssueAggregate.of(event) : current.add(event);
        issue.update(updated);

        long expiry = ctx.timerService().currentProcessingTime() + retentionMs;
        if (expiresAt.value() == null) {
            ctx.timerService().registerProcessingTimeTimer(expiry);
        }
        expiresAt.update(expiry);

        out.collect(updated.toRow(event.projectId(), event.fingerprint()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IssueRow> out) throws Exception {
        Long expiry = expiresAt.value();
        if (expiry == null || expiry <= timestamp) {
            issue.clear();
            expiresAt.clear();
        } else {
            ctx.timerService().registerProcessingTimeTimer(expiry);
        }
    }
}
