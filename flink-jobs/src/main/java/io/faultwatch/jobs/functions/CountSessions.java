package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.SessionCounts;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.model.SessionRecord;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns session records into what they add to the session counts ({@link SessionCounts}), keyed by
 * (project, session id) so every update of a session meets what was already counted of it. Aggregate
 * buckets have no session id and pass through without state. An update that adds nothing (a repeat, an
 * "ok" heartbeat) emits nothing.
 *
 * <p>State: one byte per session, kept for {@code sessionTimeout} after its last update, so repeats of
 * an update within that time are not counted again, and a session never heard of again is forgotten.
 */
public class CountSessions extends KeyedProcessFunction<Tuple2<Long, String>, SessionRecord, MetricEvent> {

    private final Duration sessionTimeout;
    private transient ValueState<Byte> counted;

    public CountSessions(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Byte> descriptor = new ValueStateDescriptor<>("counted", Types.BYTE);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(sessionTimeout)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .build());
        counted = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(SessionRecord record, Context ctx, Collector<MetricEvent> out) throws Exception {
        long[] counts;
        if (SessionRecord.AGGREGATE.equals(record.kind())) {
            counts = SessionCounts.ofAggregate(record);
        } else {
            Byte before = counted.value();
            SessionCounts.Update update = SessionCounts.ofUpdate(record, before == null ? 0 : before);
            if (update.isEmpty()) {
                return;
            }
            counted.update(update.flags());
            counts = update.counts();
        }
        out.collect(new MetricEvent(new MetricKey(record.projectId(), record.environment(), record.release(), "", ""),
                record.receivedAt(), counts, MetricEvent.users(UserIdentity.NO_USER)));
    }
}
