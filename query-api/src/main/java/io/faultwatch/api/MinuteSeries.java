package io.faultwatch.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the sparse per-minute counts ClickHouse returns into a dense series with a point per minute. */
public final class MinuteSeries {

    public record Point(Instant time, long count) {
    }

    private MinuteSeries() {
    }

    /** One point for every minute of the range, oldest first; minutes without a row count zero. */
    public static List<Point> zeroFill(StatsRange range, Map<Instant, Long> countsByMinute) {
        List<Point> series = new ArrayList<>();
        for (Instant minute = range.since(); minute.isBefore(range.until()); minute = minute.plusSeconds(60)) {
            series.add(new Point(minute, countsByMinute.getOrDefault(minute, 0L)));
        }
        return series;
    }

    public static long total(List<Point> series) {
        return series.stream().mapToLong(Point::count).sum();
    }
}
