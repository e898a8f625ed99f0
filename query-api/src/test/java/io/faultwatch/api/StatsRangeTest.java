package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:30:45.678Z");

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void defaultsToTheLastHourUntilNow() {
        StatsRange range = StatsRange.of(null, null, NOW);
        assertThat(range.until()).isEqualTo(at("2026-11-22T10:30:45Z"));
        assertThat(range.since()).isEqualTo(at("2026-11-22T09:30:00Z"));
    }

    @Test
    void sinceAloneRunsUntilNowAndUntilAloneLooksBackOneHour() {
        assertThat(StatsRange.of(at("2026-11-22T10:00:00Z"), null, NOW))
                .isEqualTo(new StatsRange(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:30:45Z")));
        assertThat(StatsRange.of(null, at("2026-11-22T08:00:00Z"), NOW))
                .isEqualTo(new StatsRange(at("2026-11-22T07:00:00Z"), at("2026-11-22T08:00:00Z")));
    }

    @Test
    void sinceIsFlooredToItsMinute() {
        StatsRange range = StatsRange.of(at("2026-11-22T10:00:59Z"), at("2026-11-22T10:01:00Z"), NOW);
        assertThat(range.since()).isEqualTo(at("2026-11-22T10:00:00Z"));
    }

    @Test
    void exactlyTwentyFourHoursFromAnySecondIsAllowed() {
        StatsRange range = StatsRange.of(at("2026-11-21T10:00:30Z"), at("2026-11-22T10:00:30Z"), NOW);
        assertThat(range.since()).isEqualTo(at("2026-11-21T10:00:00Z"));
    }

    @Test
    void moreThanTwentyFourHoursIsRejected() {
        assertThatThrownBy(() -> StatsRange.of(at("2026-11-21T10:00:00Z"), at("2026-11-22T10:00:01Z"), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("since");
                    assertThat(e.getMessage()).isEqualTo("the range from since to until must be at most 24 hours,"
                            + " got 2026-11-21T10:00:00Z to 2026-11-22T10:00:01Z");
                });
    }

    @Test
    void sinceMustBeBeforeUntil() {
        Instant t = at("2026-11-22T10:00:00Z");
        assertThatThrownBy(() -> StatsRange.of(t, t, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("since must be before until, got since 2026-11-22T10:00:00Z"
                                + " and until 2026-11-22T10:00:00Z"));
        assertThatThrownBy(() -> StatsRange.of(t.plusSeconds(1), t, NOW)).isInstanceOf(ApiException.class);
    }
}
