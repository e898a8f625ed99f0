package io.faultwatch.api;

import java.time.Duration;

/**
 * The bucket size of a time series, and the ClickHouse tables that hold it. A series
 * has at most {@link #MAX_BUCKETS} buckets, so each interval bounds the range it can cover.
 */
public enum Interval {
    MINUTE("1m", Duration.ofMinutes(1), "1m"),
    HOUR("1h", Duration.ofHours(1), "1h"),
    DAY("1d", Duration.ofDays(1), "1d");

    public static final int MAX_BUCKETS = 1440;
    /** The longest range that still gets minutes, and then hours, when no interval is asked for. */
    static final Duration MINUTES_UP_TO = Duration.ofHours(6);
    static final Duration HOURS_UP_TO = Duration.ofDays(14);

    private final String wireName;
    private final Duration length;
    private final String tableSuffix;

    Interval(String wireName, Duration length, String tableSuffix) {
        this.wireName = wireName;
        this.length = length;
        this.tableSuffix = tableSuffix;
    }

    /** Absent means null (choose one from the range); anything else must be 1m, 1h or 1d. */
    public static Interval parse(String raw) {
        if (raw == null) {
            return null;
        }
        for (Interval interval : values()) {
            if (interval.wireName.equals(raw)) {
                return interval;
            }
        }
        throw ApiException.invalidParameter("interval",
                "interval must be one of 1m, 1h, 1d, got " + RequestParams.echo(raw));
    }

    /** Minutes up to 6 hours, hours up to 14 days, days beyond: a chart of tens to hundreds of points. */
    public static Interval chooseFor(Duration span) {
        if (span.compareTo(MINUTES_UP_TO) <= 0) {
            return MINUTE;
        }
        return span.compareTo(HOURS_UP_TO) <= 0 ? HOUR : DAY;
    }

    public String wireName() {
        return wireName;
    }

    public Duration length() {
        return length;
    }

    public Duration maxSpan() {
        return length.multipliedBy(MAX_BUCKETS);
    }

    /** Of the metric tables: error_metrics_1m, session_metrics_1h, ... */
    public String tableSuffix() {
        return tableSuffix;
    }
}
