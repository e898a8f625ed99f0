package io.faultwatch.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A project's stats over a range: a point for every bucket (zero-filled, since ClickHouse returns only
 * buckets with rows) with events, users and session counts, and the range's totals. The rate of a
 * project that reports sessions is its error rate (errored / started) and crash-free rate; one that
 * reports none gets errors per minute instead. Pure: no Vert.x types.
 *
 * @param users distinct users over the whole range (not the sum of the points')
 */
public record Stats(TimeRange range, List<Point> points, long total, long users, SessionCounts sessions) {

    public record EventCounts(long events, long users) {
        public static final EventCounts ZERO = new EventCounts(0, 0);
    }

    /** As counted by the pipeline job: see sql/clickhouse/V7__metrics_as_max.sql. */
    public record SessionCounts(long started, long exited, long errored, long crashed, long abnormal) {
        public static final SessionCounts ZERO = new SessionCounts(0, 0, 0, 0, 0);

        /** Errored sessions per started session, or null without sessions. */
        public Double errorRate() {
            return started == 0 ? null : (double) errored / started;
        }

        /** The share of started sessions that did not crash, or null without sessions. */
        public Double crashFreeRate() {
            return started == 0 ? null : 1 - (double) crashed / started;
        }
    }

    /** What ClickHouse returned for the buckets that have rows, and the range's totals. */
    public record Buckets<T>(Map<Instant, T> byTime, T total) {}

    public record Point(Instant time, EventCounts events, SessionCounts sessions) {}

    public static Stats of(TimeRange range, Buckets<EventCounts> events, Buckets<SessionCounts> sessions) {
        List<Point> points = new ArrayList<>();
        for (Instant bucket : range.buckets()) {
            points.add(new Point(bucket, events.byTime().getOrDefault(bucket, EventCounts.ZERO),
                    sessions.byTime().getOrDefault(bucket, SessionCounts.ZERO)));
        }
        return new Stats(range, points, events.total().events(), events.total().users(), sessions.total());
    }

    /** Whether the rates are session based: the project reported sessions starting in the range. */
    public boolean hasSessions() {
        return sessions.started() > 0;
    }

    /** Events per minute of the point's bucket. */
    public double errorsPerMinute(Point point) {
        return point.events().events() / (double) range.interval().length().toMinutes();
    }

    /** Events per minute of the whole range. */
    public double errorsPerMinute() {
        return total / range.minutes();
    }
}
