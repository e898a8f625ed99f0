package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.api.MinuteSeries.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinuteSeriesTest {

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void fillsMissingMinutesWithZero() {
        StatsRange range = new StatsRange(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:04:00Z"));
        List<Point> series = MinuteSeries.zeroFill(range, Map.of(
                at("2026-11-22T10:01:00Z"), 3L,
                at("2026-11-22T10:03:00Z"), 7L));
        assertThat(series).containsExactly(
                new Point(at("2026-11-22T10:00:00Z"), 0),
                new Point(at("2026-11-22T10:01:00Z"), 3),
                new Point(at("2026-11-22T10:02:00Z"), 0),
                new Point(at("2026-11-22T10:03:00Z"), 7));
        assertThat(MinuteSeries.total(series)).isEqualTo(10);
    }

    @Test
    void includesTheMinuteThatStartsBeforeAnUnalignedUntil() {
        StatsRange range = new StatsRange(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:01:30Z"));
        assertThat(MinuteSeries.zeroFill(range, Map.of()))
                .extracting(Point::time)
                .containsExactly(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:01:00Z"));
    }

    @Test
    void emptyCountsGiveAnAllZeroSeries() {
        StatsRange range = new StatsRange(at("2026-11-21T10:00:00Z"), at("2026-11-22T10:00:00Z"));
        List<Point> series = MinuteSeries.zeroFill(range, Map.of());
        assertThat(series).hasSize(1440).allSatisfy(p -> assertThat(p.count()).isZero());
        assertThat(MinuteSeries.total(series)).isZero();
    }

    @Test
    void ignoresCountsOutsideTheRange() {
        StatsRange range = new StatsRange(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:01:00Z"));
        List<Point> series = MinuteSeries.zeroFill(range, Map.of(at("2026-11-22T10:05:00Z"), 9L));
        assertThat(series).containsExactly(new Point(at("2026-11-22T10:00:00Z"), 0));
    }
}
