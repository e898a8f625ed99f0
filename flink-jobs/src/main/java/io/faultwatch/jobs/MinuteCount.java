package io.faultwatch.jobs;

/**
 * One row of ClickHouse {@code error_metrics_1m}: the absolute event count of an issue's minute as
 * of {@code version} (the emission time, epoch ms), so the newest emission replaces older ones.
 *
 * @param minute the start of the minute, epoch ms
 */
public record MinuteCount(long projectId, String fingerprint, long minute, long eventCount, long version) {}
