package io.faultwatch.jobs;

/**
 * A firing of a key's minute window: the absolute counts of the minute so far and every distinct user
 * hash seen in it (sorted).
 *
 * @param minute the start of the minute, epoch ms
 */
public record MinuteMetric(MetricKey key, long minute, long[] counts, long[] userHashes) {

    /** The metrics' time bucket: epoch-aligned, so a minute is a UTC minute. */
    public static final long MINUTE_MS = 60_000;
}
