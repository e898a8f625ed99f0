package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.ParsedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets the first event of each (project, event id) through and drops, counted in the
 * {@value #DUPLICATES_METRIC} metric, every later one within {@code ttl}: an SDK that retries after a
 * lost response, or a client that sends the same event twice, never inflates a count. Runs before every
 * sink, so the event goes on as one {@link GroupedEvent} and its row of ClickHouse events
 * ({@link #EVENT_ROWS}), or not at all.
 *
 * <p>State: one flag per event id, in RocksDB, expiring {@code ttl} after the first sight (a duplicate
 * does not extend it), so the state holds about {@code ttl} worth of event ids.
 */
public class DropDuplicateEvents extends KeyedProcessFunction<Tuple2<Long, String>, ParsedEvent, GroupedEvent> {

    public static final OutputTag<EventRow> EVENT_ROWS =
            new OutputTag<>("event-rows", TypeInformation.of(EventRow.class));
    public static final String DUPLICATES_METRIC = "duplicateEvents";

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public DropDuplicateEvents(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
    }

    @Override
    public void processElement(ParsedEvent event, Context ctx, Collector<GroupedEvent> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(event.grouped());
        ctx.output(EVENT_ROWS, event.row());
    }
}
