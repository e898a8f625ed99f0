package io.faultwatch.jobs.functions;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks that also follow the wall clock while no events arrive.
 * Event time is the gateway's receive time, which tracks the wall clock, so when traffic stops
 * the last minute still closes instead of waiting for the next event. Plain idleness would only
 * exclude this input from the watermark; it would not move time forward.
 */
public class WallClockWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMs;
    private final long idleAfterMs;
    private final LongSupplier wallClock;

    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;

    public WallClockWatermarks(Duration outOfOrderness, Duration idleAfter, LongSupplier wallClock) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.idleAfterMs = idleAfter.toMillis();
        this.wallClock = wallClock;
        // Startup counts as activity, so a backlog read right after start is not overtaken by the clock.
        this.lastEventAt = wallClock.getAsLong();
    }

    @Override
    public void onEvent(T record, long timestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        lastEventAt = wallClock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = wallClock.getAsLong();
        long watermark = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrdernessMs - 1;
        if (now - lastEventAt >= idleAfterMs) {
            watermark = Math.max(watermark, now - outOfOrdernessMs - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
