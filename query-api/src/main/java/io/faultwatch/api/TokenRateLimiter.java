package io.faultwatch.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per API token: N requests per minute is a bucket of N refilled at N/60 per second, so
 * a burst of a minute's quota passes and then a token is held to the rate. Pure: the caller passes the
 * time. Only valid tokens get here, so the number of buckets is bounded by the tokens that exist.
 */
final class TokenRateLimiter {
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Bucket(double tokens, long atNanos) {}

    private final int perMinute;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute 0 turns the limit off */
    TokenRateLimiter(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("a rate limit must not be negative, got " + perMinute);
        }
        this.perMinute = perMinute;
    }

    /** Takes one request from the token's bucket; 0 when it may pass, else the seconds until it may. */
    long acquire(long tokenId, long nowNanos) {
        if (perMinute == 0) {
            return 0;
        }
        long[] wait = {0};
        buckets.compute(tokenId, (id, bucket) -> {
            double available = bucket == null ? perMinute
                    : Math.min(perMinute, bucket.tokens() + (nowNanos - bucket.atNanos()) * (double) perMinute / MINUTE_NANOS);
            if (available >= 1) {
                return new Bucket(available - 1, nowNanos);
            }
            // Less a hair, so the rounding error of the refill does not add a whole second.
            wait[0] = Math.max(1, (long) Math.ceil((1 - available) * 60.0 / perMinute - 1e-9));
            return new Bucket(available, nowNanos);
        });
        return wait[0];
    }
}
