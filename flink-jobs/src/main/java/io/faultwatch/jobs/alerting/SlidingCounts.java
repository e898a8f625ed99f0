package io.faultwatch.jobs.alerting;

import java.util.Map;

/**
 * Counts in a sliding window kept as buckets of a sixtieth of the window (at least a second): a window
 * of 5 minutes moves in 5-second steps, one of 24 hours in 24-minute steps, so state stays at about 60
 * numbers per window whatever the volume.
 */
final class SlidingCounts {

    static final int BUCKETS_PER_WINDOW = 60;
    static final long MIN_BUCKET_MS = 1_000;

    private SlidingCounts() {}

    static long bucketMillis(long windowSeconds) {
        return Math.max(MIN_BUCKET_MS, windowSeconds * 1_000 / BUCKETS_PER_WINDOW);
    }

    static void add(Map<Long, Long> counts, long time, long amount, long bucketMs) {
        if (amount != 0) {
            counts.merge(Math.floorDiv(time, bucketMs) * bucketMs, amount, Long::sum);
        }
    }

    /** The sum of the buckets that start in [from, to). */
    static long sum(Map<Long, Long> counts, long from, long to) {
        long sum = 0;
        for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
            if (bucket.getKey() >= from && bucket.getKey() < to) {
                sum += bucket.getValue();
            }
        }
        return sum;
    }

    /** The window of {@code windowMs} ending at {@code now}: the buckets from the one holding now - window + 1. */
    static long sumWindow(Map<Long, Long> counts, long now, long windowMs, long bucketMs) {
        long end = Math.floorDiv(now, bucketMs) * bucketMs + bucketMs;
        return sum(counts, end - windowMs, end);
    }

    /** Drops the buckets that start before {@code from}. */
    static void dropBefore(Map<Long, Long> counts, long from) {
        counts.keySet().removeIf(start -> start < from);
    }
}
