package io.faultwatch.gateway;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per project and data category, plus one per category over all projects (the global
 * limit). A limit of N per minute is a bucket of N tokens refilled at N/60 per second, so a burst of
 * a minute's quota passes and then traffic is held to the rate. A request takes its quantities from
 * all its buckets or from none: a refused request costs nothing. Pure: the caller passes the time.
 *
 * <p>Memory is bounded: a bucket that has refilled completely is the same as no bucket and is
 * dropped, and beyond {@code maxBuckets} the least recently used bucket is forgotten (which can only
 * make limiting more lenient for that project, never stricter).
 */
public final class RateLimiter {
    static final String PROJECT_SCOPE = "project";
    // Sentry's broadest scope; the gateway-wide limit covers every project.
    static final String GLOBAL_SCOPE = "organization";
    static final String PROJECT_REASON = "project_quota";
    static final String GLOBAL_REASON = "global_quota";
    private static final long GLOBAL = 0; // project ids are positive
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A category the request may not send now, and for how long. */
    public record Limit(String category, long retryAfterSeconds, String scope, String reason) {}

    /** Empty limits: the request was admitted and its quantities taken. */
    public record Decision(List<Limit> limits) {
        public Decision {
            limits = List.copyOf(limits);
        }

        public boolean allowed() {
            return limits.isEmpty();
        }

        /** The longest wait of all limits, for Retry-After. */
        public long retryAfterSeconds() {
            return limits.stream().mapToLong(Limit::retryAfterSeconds).max().orElse(0);
        }

        /**
         * {@code X-Sentry-Rate-Limits}: comma-separated {@code <seconds>:<categories>:<scope>:<reason>}
         * groups, categories joined by ';' (https://develop.sentry.dev/sdk/foundations/transport/rate-limiting/).
         */
        public String sentryHeader() {
            Map<String, List<String>> groups = new TreeMap<>();
            for (Limit limit : limits) {
                groups.computeIfAbsent(limit.retryAfterSeconds() + ":%s:" + limit.scope() + ":" + limit.reason(),
                        k -> new ArrayList<>()).add(limit.category());
            }
            List<String> parts = new ArrayList<>();
            groups.forEach((format, categories) ->
                    parts.add(String.format(format, String.join(";", categories.stream().sorted().toList()))));
            return String.join(", ", parts);
        }
    }

    private record BucketKey(long projectId, String category) {}

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;
        private int perMinute;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute;
            this.updatedNanos = now;
            this.perMinute = perMinute;
        }

        void refill(int limit, long now) {
            if (limit != perMinute) {
                perMinute = limit;
                tokens = Math.min(tokens, limit);
            }
            tokens = Math.min(perMinute, tokens + (now - updatedNanos) * perMinute / 60e9);
            updatedNanos = now;
        }

        boolean full(long now) {
            return tokens + (now - updatedNanos) * perMinute / 60e9 >= perMinute;
        }

        /** Seconds until {@code amount} tokens are there, at least one. */
        long secondsUntil(double amount) {
            return Math.max(1, (long) Math.ceil((amount - tokens) * 60 / perMinute));
        }
    }

    private final int globalPerMinute;
    private final int maxBuckets;
    private final LinkedHashMap<BucketKey, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);
    private long lastSweepNanos;

    /** @param globalPerMinute per category over all projects; 0 means no global limit */
    public RateLimiter(int globalPerMinute, int maxBuckets) {
        this.globalPerMinute = globalPerMinute;
        this.maxBuckets = maxBuckets;
    }

    /**
     * Takes {@code quantities} (per category) for the project, or returns why not.
     *
     * @param projectPerMinute the project's limit; null for none
     */
    public synchronized Decision acquire(long projectId, Integer projectPerMinute, Map<String, Long> quantities,
                                         long nowNanos) {
        sweep(nowNanos);
        List<Limit> limits = new ArrayList<>();
        List<Bucket> taken = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        for (Map.Entry<String, Long> q : quantities.entrySet()) {
            if (projectPerMinute != null) {
                check(new BucketKey(projectId, q.getKey()), projectPerMinute, q.getValue(), nowNanos,
                        PROJECT_SCOPE, PROJECT_REASON, limits, taken, amounts);
            }
            if (globalPerMinute > 0) {
                check(new BucketKey(GLOBAL, q.getKey()), globalPerMinute, q.getValue(), nowNanos,
                        GLOBAL_SCOPE, GLOBAL_REASON, limits, taken, amounts);
            }
        }
        if (limits.isEmpty()) {
            for (int i = 0; i < taken.size(); i++) {
                taken.get(i).tokens -= amounts.get(i);
            }
        }
        return new Decision(limits);
    }

    private void check(BucketKey key, int perMinute, long quantity, long now, String scope, String reason,
                       List<Limit> limits, List<Bucket> taken, List<Double> amounts) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        bucket.refill(perMinute, now);
        // A request larger than a whole minute's quota would never pass; it takes the full bucket instead.
        double amount = Math.min(quantity, perMinute);
        if (bucket.tokens >= amount) {
            taken.add(bucket);
            amounts.add(amount);
        } else {
            limits.add(new Limit(key.category(), bucket.secondsUntil(amount), scope, reason));
        }
    }

    private void sweep(long now) {
        if (buckets.size() < maxBuckets && now - lastSweepNanos < SWEEP_EVERY_NANOS) {
            return;
        }
        lastSweepNanos = now;
        buckets.values().removeIf(b -> b.full(now));
        Iterator<BucketKey> leastRecent = buckets.keySet().iterator();
        while (buckets.size() >= maxBuckets && leastRecent.hasNext()) {
            leastRecent.next();
            leastRecent.remove();
        }
    }

    synchronized int bucketCount() {
        return buckets.size();
    }
}
