package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenRateLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aMinutesQuotaPassesAtOnceThenTheRateHolds() {
        TokenRateLimiter limiter = new TokenRateLimiter(60);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire(1, 0)).isZero();
        }
        assertThat(limiter.acquire(1, 0)).as("seconds until the next request refills").isEqualTo(1);
        assertThat(limiter.acquire(1, SECOND)).isZero();
        assertThat(limiter.acquire(1, SECOND)).isEqualTo(1);
    }

    @Test
    void retryAfterIsTheTimeUntilOneRequestRefills() {
        TokenRateLimiter limiter = new TokenRateLimiter(2);
        assertThat(limiter.acquire(1, 0)).isZero();
        assertThat(limiter.acquire(1, 0)).isZero();
        assertThat(limiter.acquire(1, 0)).isEqualTo(30);
        assertThat(limiter.acquire(1, 10 * SECOND)).isEqualTo(20);
        assertThat(limiter.acquire(1, 30 * SECOND)).isZero();
    }

    @Test
    void eachTokenHasItsOwnBucket() {
        TokenRateLimiter limiter = new TokenRateLimiter(1);
        assertThat(limiter.acquire(1, 0)).isZero();
        assertThat(limiter.acquire(1, 0)).isPositive();
        assertThat(limiter.acquire(2, 0)).isZero();
    }

    @Test
    void aFullBucketDoesNotGrowBeyondAMinutesQuota() {
        TokenRateLimiter limiter = new TokenRateLimiter(3);
        assertThat(limiter.acquire(1, 0)).isZero();
        long hourLater = 3600 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(1, hourLater)).isZero();
        }
        assertThat(limiter.acquire(1, hourLater)).isPositive();
    }

    @Test
    void zeroTurnsTheLimitOffAndNegativeIsRefused() {
        TokenRateLimiter off = new TokenRateLimiter(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.acquire(1, 0)).isZero();
        }
        assertThatThrownBy(() -> new TokenRateLimiter(-1)).hasMessage("a rate limit must not be negative, got -1");
    }
}
