package io.faultwatch.jobs;

/**
 * One row for ClickHouse ({@code error_metrics_rows} or {@code session_metrics_rows}): a minute's
 * absolute counts together with the absolute counts of its hour and its day so far, which the rollup
 * views keep per hour and day (see sql/clickhouse/V3__error_metrics.sql). {@code version} increases
 * with every row of a key, so the newest row's values win.
 *
 * @param minute the start of the minute, epoch ms
 */
public record MetricRow(MetricKey key, long minute, long[] minuteCounts, long[] hourCounts, long[] dayCounts,
                        long[] userHashes, long version) {}
