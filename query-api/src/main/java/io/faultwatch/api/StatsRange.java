package io.faultwatch.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The minutes a stats request covers: every minute starting in [since floored to the minute, until).
 * {@code since} is already floored, so it is also the time of the first point of the series.
 */
public record StatsRange(Instant since, Instant until) {

    public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
    public static final Duration MAX_SPAN = Duration.ofHours(24);

    public StatsRange {
        if (!since.equals(since.truncatedTo(ChronoUnit.MINUTES)) || !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be a whole minute before until: " + since + ", " + until);
        }
    }

    /**
     * Applies the defaults (until = now, since = until - 1 h) and the limits. The 24 h limit applies
     * to the range as asked, before flooring, so a caller can ask for exactly 24 h from any second.
     */
    public static StatsRange of(Instant since, Instant until, Instant now) {
        Instant end = until != null ? until : now.truncatedTo(ChronoUnit.SECONDS);
        Instant start = since != null ? since : end.minus(DEFAULT_SPAN);
        if (!start.isBefore(end)) {
            throw ApiException.invalidParameter("since", "since must be before until, got since " + start
                    + " and until " + end);
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw ApiException.invalidParameter("since", "the range from since to until must be at most "
                    + MAX_SPAN.toHours() + " hours, got " + start + " to " + end);
        }
        return new StatsRange(start.truncatedTo(ChronoUnit.MINUTES), end);
    }
}
