package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:30:45.678Z");

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void defaultsToTheLastHourUntilNowInMinutes() {
        TimeRange range = TimeRange.of(null, null, null, NOW);
        assertThat(range).isEqualTo(new TimeRange(at("2026-11-22T09:30:00Z"), at("2026-11-22T10:30:45Z"), Interval.MINUTE));
        assertThat(range.buckets()).hasSize(61).startsWith(at("2026-11-22T09:30:00Z")).endsWith(at("2026-11-22T10:30:00Z"));
    }

    @Test
    void sinceAloneRunsUntilNowAndUntilAloneLooksBackTheDefaultSpan() {
        assertThat(TimeRange.of(at("2026-11-22T10:00:00Z"), null, null, NOW))
                .isEqualTo(new TimeRange(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:30:45Z"), Interval.MINUTE));
        assertThat(TimeRange.of(null, at("2026-11-22T08:00:00Z"), null, NOW, Duration.ofHours(24)))
                .isEqualTo(new TimeRange(at("2026-11-21T08:00:00Z"), at("2026-11-22T08:00:00Z"), Interval.HOUR));
    }

    @ParameterizedTest(name = "{0} to {1}: {2} from {3}")
    @CsvSource({
        "2026-11-22T04:30:45Z, 2026-11-22T10:30:45Z, MINUTE, 2026-11-22T04:30:00Z",
        "2026-11-22T04:30:44Z, 2026-11-22T10:30:45Z, HOUR,   2026-11-22T04:00:00Z",
        "2026-11-08T10:30:45Z, 2026-11-22T10:30:45Z, HOUR,   2026-11-08T10:00:00Z",
        "2026-11-08T10:30:44Z, 2026-11-22T10:30:45Z, DAY,    2026-11-08T00:00:00Z",
        "2025-11-22T10:30:45Z, 2026-11-22T10:30:45Z, DAY,    2025-11-22T00:00:00Z"})
    void choosesTheIntervalFromTheSpanAndFloorsSinceToIt(Instant since, Instant until, Interval interval,
                                                          Instant flooredSince) {
        TimeRange range = TimeRange.of(since, until, null, NOW);
        assertThat(range.interval()).isEqualTo(interval);
        assertThat(range.since()).isEqualTo(flooredSince);
    }

    @Test
    void anIntervalAskedForIsKept() {
        TimeRange range = TimeRange.of(at("2026-11-22T10:00:59Z"), at("2026-11-22T10:01:00Z"), Interval.DAY, NOW);
        assertThat(range).isEqualTo(new TimeRange(at("2026-11-22T00:00:00Z"), at("2026-11-22T10:01:00Z"), Interval.DAY));
        assertThat(range.buckets()).containsExactly(at("2026-11-22T00:00:00Z"));
    }

    @Test
    void exactlyTwentyFourHoursOfMinutesFromAnySecondIsAllowed() {
        TimeRange range = TimeRange.of(at("2026-11-21T10:00:30Z"), at("2026-11-22T10:00:30Z"), Interval.MINUTE, NOW);
        assertThat(range.since()).isEqualTo(at("2026-11-21T10:00:00Z"));
        assertThat(range.buckets()).hasSize(1441);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "2026-11-21T10:00:00Z | 2026-11-22T10:00:01Z | MINUTE | 24 hours for interval 1m",
        "2026-09-23T10:00:00Z | 2026-11-22T10:00:01Z | HOUR   | 60 days for interval 1h",
        "2022-12-13T10:00:00Z | 2026-11-22T10:00:01Z | DAY    | 1440 days for interval 1d"})
    void moreThanAThousandFourHundredFortyBucketsIsRejected(Instant since, Instant until, Interval interval,
                                                           String limit) {
        assertThatThrownBy(() -> TimeRange.of(since, until, interval, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("since");
                    assertThat(e.getMessage()).isEqualTo("the range from since to until must be at most " + limit
                            + ", got " + since + " to " + until);
                });
    }

    @Test
    void sinceMustBeBeforeUntil() {
        Instant t = at("2026-11-22T10:00:00Z");
        assertThatThrownBy(() -> TimeRange.of(t, t, null, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("since must be before until, got since 2026-11-22T10:00:00Z"
                                + " and until 2026-11-22T10:00:00Z"));
        assertThatThrownBy(() -> TimeRange.of(t.plusSeconds(1), t, null, NOW)).isInstanceOf(ApiException.class);
    }

    @Test
    void intervalsAreReadByTheirWireNames() {
        assertThat(Interval.parse("1h")).isEqualTo(Interval.HOUR);
        assertThat(Interval.parse(null)).isNull();
        assertThatThrownBy(() -> Interval.parse("5m")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo("interval");
            assertThat(e.getMessage()).isEqualTo("interval must be one of 1m, 1h, 1d, got '5m'");
        });
    }
}
