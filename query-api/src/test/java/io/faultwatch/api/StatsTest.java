package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.api.Stats.Buckets;
import io.faultwatch.api.Stats.EventCounts;
import io.faultwatch.api.Stats.Point;
import io.faultwatch.api.Stats.SessionCounts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static final TimeRange RANGE =
            new TimeRange(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:03:00Z"), Interval.MINUTE);

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void fillsBucketsWithoutRowsWithZeroAndKeepsTheRangeTotals() {
        Stats stats = Stats.of(RANGE,
                new Buckets<>(Map.of(at("2026-11-22T10:01:00Z"), new EventCounts(3, 2)), new EventCounts(3, 2)),
                new Buckets<>(Map.of(), SessionCounts.ZERO));

        assertThat(stats.points()).containsExactly(
                new Point(at("2026-11-22T10:00:00Z"), EventCounts.ZERO, SessionCounts.ZERO),
                new Point(at("2026-11-22T10:01:00Z"), new EventCounts(3, 2), SessionCounts.ZERO),
                new Point(at("2026-11-22T10:02:00Z"), EventCounts.ZERO, SessionCounts.ZERO));
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.users()).isEqualTo(2);
        assertThat(stats.hasSessions()).isFalse();
        assertThat(stats.errorsPerMinute()).isEqualTo(1.0);
        assertThat(stats.errorsPerMinute(stats.points().get(1))).isEqualTo(3.0);
    }

    @Test
    void ratesComeFromSessionsWhenTheProjectReportsThem() {
        SessionCounts minute = new SessionCounts(4, 2, 1, 1, 0);
        Stats stats = Stats.of(RANGE, new Buckets<>(Map.of(), EventCounts.ZERO),
                new Buckets<>(Map.of(at("2026-11-22T10:00:00Z"), minute), minute));

        assertThat(stats.hasSessions()).isTrue();
        assertThat(minute.errorRate()).isEqualTo(0.25);
        assertThat(minute.crashFreeRate()).isEqualTo(0.75);
        assertThat(SessionCounts.ZERO.errorRate()).as("no sessions, no rate").isNull();
        assertThat(SessionCounts.ZERO.crashFreeRate()).isNull();
    }

    @Test
    void errorsPerMinuteOfAnHourBucketAreItsEventsOverSixty() {
        TimeRange hours = new TimeRange(at("2026-11-22T00:00:00Z"), at("2026-11-22T10:00:00Z"), Interval.HOUR);
        Stats stats = Stats.of(hours, new Buckets<>(Map.of(at("2026-11-22T03:00:00Z"), new EventCounts(120, 1)),
                new EventCounts(120, 1)), new Buckets<>(Map.of(), SessionCounts.ZERO));

        assertThat(stats.errorsPerMinute(stats.points().get(3))).isEqualTo(2.0);
        assertThat(stats.errorsPerMinute()).isEqualTo(0.2);
    }
}
