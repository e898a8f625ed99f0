package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.ParsedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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
 * <p>Keyed by project, as the events topic is partitioned, rather than by event id: a second shuffle
 * by event id would reorder one issue's events on their way to the issue tracker, whose newest-wins
 * fields (title, culprit, last release) take ties of receive time in arrival order.
 *
 * <p>State: per project, one flag per event id (a RocksDB entry each), each expiring {@code ttl} after
 * its first sight (a duplicate does not extend it), so the state holds about {@code ttl} worth of ids.
 */
public class DropDuplicateEvents extends KeyedProcessFunction<Long, ParsedEvent, GroupedEvent> {

    public static final OutputTag<EventRow> EVENT_ROWS =
            new OutputTag<>("event-rows", TypeInformation.of(EventRow.class));
    public static final String DUPLICATES_METRIC = "duplicateEvents";

    private final Duration ttl;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public DropDuplicateEvents(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> descriptor = new MapStateDescriptor<>("seen", Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
    }

    @Override
    public void processElement(ParsedEvent event, Context ctx, Collector<GroupedEvent> out) throws Exception {
        String eventId = event.grouped().eventId();
        if (seen.contains(eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(eventId, Boolean.TRUE);
        out.collect(event.grouped());
        ctx.output(EVENT_ROWS, event.row());
    }
}
