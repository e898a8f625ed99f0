package io.faultwatch.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets a series covers: every interval that starts in [since floored to the interval, until).
 * {@code since} is already floored, so it is also the time of the first bucket. Buckets are whole UTC
 * minutes, hours or days, so the last one may reach past {@code until}.
 */
public record TimeRange(Instant since, Instant until, Interval interval) {

    public static final Duration DEFAULT_SPAN = Duration.ofHours(1);

    public TimeRange {
        if (!since.equals(floor(since, interval)) || !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be a whole " + interval.wireName() + " before until: "
                    + since + ", " + until);
        }
    }

    /**
     * Applies the defaults (until = now, since = until - 1 h, the interval {@link Interval#chooseFor} the
     * span) and the limit of {@link Interval#MAX_BUCKETS} buckets. The limit applies to the range as asked,
     * before flooring, so a caller can ask for exactly 24 hours of minutes from any second.
     *
     * @param interval null to choose one
     */
    public static TimeRange of(Instant since, Instant until, Interval interval, Instant now) {
        return of(since, until, interval, now, DEFAULT_SPAN);
    }

    /** As {@link #of(Instant, Instant, Interval, Instant)}, with another span when since is absent. */
    public static TimeRange of(Instant since, Instant until, Interval interval, Instant now, Duration defaultSpan) {
        Instant end = until != null ? until : now.truncatedTo(ChronoUnit.SECONDS);
        Instant start = since != null ? since : end.minus(defaultSpan);
        if (!start.isBefore(end)) {
            throw ApiException.invalidParameter("since", "since must be before until, got since " + start
                    + " and until " + end);
        }
        Duration span = Duration.between(start, end);
        Interval chosen = interval != null ? interval : Interval.chooseFor(span);
        if (span.compareTo(chosen.maxSpan()) > 0) {
            throw ApiException.invalidParameter("since", "the range from since to until must be at most "
                    + describe(chosen.maxSpan()) + " for interval " + chosen.wireName() + ", got " + start + " to " + end);
        }
        return new TimeRange(floor(start, chosen), end, chosen);
    }

    /** The start of every bucket, oldest first. */
    public List<Instant> buckets() {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = since; bucket.isBefore(until); bucket = bucket.plus(interval.length())) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** Minutes from since to until, for rates per minute. */
    public double minutes() {
        return Duration.between(since, until).toMillis() / 60_000.0;
    }

    private static Instant floor(Instant instant, Interval interval) {
        long seconds = interval.length().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    private static String describe(Duration span) {
        return span.toDays() >= 2 ? span.toDays() + " days" : span.toHours() + " hours";
    }
}
