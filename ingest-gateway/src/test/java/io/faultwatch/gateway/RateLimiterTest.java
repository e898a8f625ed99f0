package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.gateway.RateLimiter.Decision;
import io.faultwatch.gateway.RateLimiter.Limit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final Map<String, Long> ONE_ERROR = Map.of("error", 1L);
    private static final long T0 = 1_000_000_000L;

    private static long seconds(double s) {
        return T0 + (long) (s * 1e9);
    }

    @Test
    void aMinutesQuotaPassesThenTheRateHolds() {
        RateLimiter limiter = new RateLimiter(0, 1000);

        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire(7, 60, ONE_ERROR, T0).allowed()).isTrue();
        }
        Decision refused = limiter.acquire(7, 60, ONE_ERROR, T0);
        assertThat(refused.limits()).containsExactly(new Limit("error", 1, "project", "project_quota"));
        // 60 per minute refills one per second.
        assertThat(limiter.acquire(7, 60, ONE_ERROR, seconds(1)).allowed()).isTrue();
        assertThat(limiter.acquire(7, 60, ONE_ERROR, seconds(1)).allowed()).isFalse();
    }

    @Test
    void retryAfterIsTheTimeUntilEnoughTokens() {
        RateLimiter limiter = new RateLimiter(0, 1000);
        limiter.acquire(7, 2, ONE_ERROR, T0);
        limiter.acquire(7, 2, ONE_ERROR, T0);

        Decision refused = limiter.acquire(7, 2, ONE_ERROR, T0);

        // 2 per minute: one token every 30 s.
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        assertThat(refused.sentryHeader()).isEqualTo("30:error:project:project_quota");
        assertThat(limiter.acquire(7, 2, ONE_ERROR, seconds(29.9)).allowed()).isFalse();
        assertThat(limiter.acquire(7, 2, ONE_ERROR, seconds(30)).allowed()).isTrue();
    }

    @Test
    void projectsAndCategoriesHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(0, 1000);
        limiter.acquire(7, 1, ONE_ERROR, T0);

        assertThat(limiter.acquire(7, 1, ONE_ERROR, T0).allowed()).isFalse();
        assertThat(limiter.acquire(8, 1, ONE_ERROR, T0).allowed()).isTrue();
        assertThat(limiter.acquire(7, 1, Map.of("session", 1L), T0).allowed()).isTrue();
    }

    @Test
    void noProjectLimitMeansOnlyTheGlobalOne() {
        RateLimiter unlimited = new RateLimiter(0, 1000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(unlimited.acquire(7, null, ONE_ERROR, T0).allowed()).isTrue();
        }
        assertThat(unlimited.bucketCount()).isZero();

        RateLimiter global = new RateLimiter(3, 1000);
        assertThat(global.acquire(1, null, ONE_ERROR, T0).allowed()).isTrue();
        assertThat(global.acquire(2, null, ONE_ERROR, T0).allowed()).isTrue();
        assertThat(global.acquire(3, null, ONE_ERROR, T0).allowed()).isTrue();
        assertThat(global.acquire(4, null, ONE_ERROR, T0).limits())
                .containsExactly(new Limit("error", 20, "organization", "global_quota"));
    }

    @Test
    void aRefusedRequestTakesNothingFromAnyBucket() {
        RateLimiter limiter = new RateLimiter(0, 1000);
        limiter.acquire(7, 1, Map.of("session", 1L), T0);

        // error would fit, session does not: neither is taken.
        Decision refused = limiter.acquire(7, 1, Map.of("error", 1L, "session", 1L), T0);

        assertThat(refused.limits()).extracting(Limit::category).containsExactly("session");
        assertThat(limiter.acquire(7, 1, ONE_ERROR, T0).allowed()).isTrue();
    }

    @Test
    void headerGroupsCategoriesThatShareAWait() {
        Decision decision = new Decision(List.of(
                new Limit("session", 30, "project", "project_quota"),
                new Limit("error", 30, "project", "project_quota"),
                new Limit("error", 5, "organization", "global_quota")));

        assertThat(decision.sentryHeader())
                .isEqualTo("30:error;session:project:project_quota, 5:error:organization:global_quota");
        assertThat(decision.retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void aRequestLargerThanTheQuotaTakesTheWholeBucketInsteadOfNeverPassing() {
        RateLimiter limiter = new RateLimiter(0, 1000);

        assertThat(limiter.acquire(7, 5, Map.of("span", 50L), T0).allowed()).isTrue();
        assertThat(limiter.acquire(7, 5, Map.of("span", 1L), T0).allowed()).isFalse();
    }

    @Test
    void aLoweredLimitTakesEffectAtOnce() {
        RateLimiter limiter = new RateLimiter(0, 1000);
        limiter.acquire(7, 100, ONE_ERROR, T0);

        assertThat(limiter.acquire(7, 1, ONE_ERROR, T0).allowed()).isTrue();
        assertThat(limiter.acquire(7, 1, ONE_ERROR, T0).allowed()).isFalse();
    }

    @Test
    void memoryIsBounded() {
        RateLimiter limiter = new RateLimiter(0, 100);
        for (long project = 1; project <= 1000; project++) {
            limiter.acquire(project, 10, ONE_ERROR, T0);
        }
        assertThat(limiter.bucketCount()).isLessThanOrEqualTo(100);

        // Buckets that refilled are the same as none, and go at the next sweep.
        limiter.acquire(1, 10, ONE_ERROR, T0 + TimeUnit.MINUTES.toNanos(2));
        assertThat(limiter.bucketCount()).isEqualTo(1);
    }
}
