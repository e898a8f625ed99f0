package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.MetricRow;
import io.faultwatch.jobs.Counts;
import io.faultwatch.jobs.MinuteMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds the absolute totals of its hour and its day so far to every firing of a key's minute, so that
 * ClickHouse's hourly and daily rollups can keep the newest absolute value (argMax by version) instead
 * of summing re-emitted minutes. A firing replaces the minute's previous counts: the hour and the day
 * change by the difference.
 *
 * <p>State per key: the last counts of each minute that can still fire, the totals of each hour and day
 * that can still change, and the last version. An event-time timer at the end of each minute, hour and
 * day plus the allowed lateness (when its window operator drops the minute too) removes them, so the
 * state of a key that stops receiving events drains to nothing.
 */
public class RunningTotals extends KeyedProcessFunction<MetricKey, MinuteMetric, MetricRow> {

    static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final long allowedLatenessMs;

    private transient MapState<Long, long[]> minutes;
    private transient MapState<Long, long[]> hours;
    private transient MapState<Long, long[]> days;
    private transient ValueState<Long> lastVersion;

    public RunningTotals(Duration allowedLateness) {
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext().getMapState(totals("minutes"));
        hours = getRuntimeContext().getMapState(totals("hours"));
        days = getRuntimeContext().getMapState(totals("days"));
        lastVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("last-version", Types.LONG));
    }

    private static MapStateDescriptor<Long, long[]> totals(String name) {
        return new MapStateDescriptor<>(name, Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Override
    public void processElement(MinuteMetric metric, Context ctx, Collector<MetricRow> out) throws Exception {
        long minute = metric.minute();
        long[] previous = minutes.get(minute);
        long[] change = Counts.minus(metric.counts(), previous);
        minutes.put(minute, metric.counts());
        long hour = minute - Math.floorMod(minute, HOUR_MS);
        long day = minute - Math.floorMod(minute, DAY_MS);
        long[] hourTotals = add(hours, hour, change);
        long[] dayTotals = add(days, day, change);

        // Strictly increasing per key, even for two firings in the same millisecond.
        Long last = lastVersion.value();
        long version = Math.max(ctx.timerService().currentProcessingTime(), last == null ? 0 : last + 1);
        lastVersion.update(version);
        out.collect(new MetricRow(metric.key(), minute, metric.counts(), hourTotals, dayTotals,
                metric.userHashes(), version));

        ctx.timerService().registerEventTimeTimer(minute + MINUTE_MS + allowedLatenessMs);
        ctx.timerService().registerEventTimeTimer(hour + HOUR_MS + allowedLatenessMs);
        ctx.timerService().registerEventTimeTimer(day + DAY_MS + allowedLatenessMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRow> out) throws Exception {
        boolean empty = removeFinal(minutes, MINUTE_MS, timestamp);
        empty &= removeFinal(hours, HOUR_MS, timestamp);
        empty &= removeFinal(days, DAY_MS, timestamp);
        if (empty) {
            lastVersion.clear();
        }
    }

    private static long[] add(MapState<Long, long[]> totals, long period, long[] change) throws Exception {
        long[] current = totals.get(period);
        long[] updated = Counts.plus(current, change);
        totals.put(period, updated);
        return updated;
    }

    /** Drops the periods no minute of which can fire any more; true when none is left. */
    private boolean removeFinal(MapState<Long, long[]> totals, long length, long watermark) throws Exception {
        List<Long> done = new ArrayList<>();
        boolean empty = true;
        for (Long start : totals.keys()) {
            if (start + length + allowedLatenessMs <= watermark) {
                done.add(start);
            } else {
                empty = false;
            }
        }
        for (Long start : done) {
            totals.remove(start);
        }
        return empty;
    }
}
