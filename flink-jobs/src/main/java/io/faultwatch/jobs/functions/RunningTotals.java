package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricKey;
import io.faultwatch.jobs.MetricRow;
import io.faultwatch.jobs.Counts;
import io.faultwatch.jobs.MinuteMetric;
import io.faultwatch.jobs.UserHashes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds the absolute totals of its hour and its day so far to every firing of a key's minute, so that
 * ClickHouse's hourly and daily rollups can keep the largest absolute value instead of summing
 * re-emitted minutes. A firing replaces the minute's previous counts: the hour and the day change by
 * the difference, which is never negative, since a window's counts only grow.
 *
 * <p>Users: a firing carries every user of its minute so far, but the row sends only the users no earlier
 * row of the minute sent. ClickHouse keeps a minute's, hour's and day's users as the union of its rows'
 * users, so the union is the same, and a row written again after a restore adds nothing; what changes is
 * that a minute with n users costs O(n) instead of a resend of all n users on every firing.
 *
 * <p>State per key: the last counts and the users sent of each minute that can still fire, and the totals
 * of each hour and day that can still change. An event-time timer at the end of each minute, hour and
 * day plus the allowed lateness (when its window operator drops the minute too) removes them, so the
 * state of a key that stops receiving events drains to nothing.
 */
public class RunningTotals extends KeyedProcessFunction<MetricKey, MinuteMetric, MetricRow> {

    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final long allowedLatenessMs;

    private transient MapState<Long, long[]> minutes;
    private transient MapState<Long, long[]> minuteUsers;
    private transient MapState<Long, long[]> hours;
    private transient MapState<Long, long[]> days;

    public RunningTotals(Duration allowedLateness) {
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext().getMapState(totals("minutes"));
        minuteUsers = getRuntimeContext().getMapState(totals("minute-users"));
        hours = getRuntimeContext().getMapState(totals("hours"));
        days = getRuntimeContext().getMapState(totals("days"));
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
        long[] sentUsers = minuteUsers.get(minute);
        long[] newUsers = UserHashes.added(metric.userHashes(), sentUsers);
        if (newUsers.length > 0) {
            minuteUsers.put(minute, metric.userHashes());
        }
        out.collect(new MetricRow(metric.key(), minute, metric.counts(), hourTotals, dayTotals, newUsers));

        ctx.timerService().registerEventTimeTimer(minute + MinuteMetric.MINUTE_MS + allowedLatenessMs);
        ctx.timerService().registerEventTimeTimer(hour + HOUR_MS + allowedLatenessMs);
        ctx.timerService().registerEventTimeTimer(day + DAY_MS + allowedLatenessMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRow> out) throws Exception {
        removeFinal(minutes, MinuteMetric.MINUTE_MS, timestamp);
        removeFinal(minuteUsers, MinuteMetric.MINUTE_MS, timestamp);
        removeFinal(hours, HOUR_MS, timestamp);
        removeFinal(days, DAY_MS, timestamp);
    }

    private static long[] add(MapState<Long, long[]> totals, long period, long[] change) throws Exception {
        long[] current = totals.get(period);
        long[] updated = Counts.plus(current, change);
        totals.put(period, updated);
        return updated;
    }

    /** Drops the periods no minute of which can fire any more. */
    private void removeFinal(MapState<Long, long[]> totals, long length, long watermark) throws Exception {
        List<Long> done = new ArrayList<>();
        for (Long start : totals.keys()) {
            if (start + length + allowedLatenessMs <= watermark) {
                done.add(start);
            }
        }
        for (Long start : done) {
            totals.remove(start);
        }
    }
}
