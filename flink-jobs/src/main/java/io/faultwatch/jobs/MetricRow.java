package io.faultwatch.jobs;

/**
 * One row for ClickHouse ({@code error_metrics_rows} or {@code session_metrics_rows}): a minute's
 * absolute counts together with the absolute counts of its hour and its day so far, which the rollup
 * views keep per hour and day as the largest value seen (see sql/clickhouse/V7__metrics_as_max.sql).
 *
 * @param minute     the start of the minute, epoch ms
 * @param userHashes the minute's users that no earlier row of the minute carried (sorted): ClickHouse
 *                   unites the rows' users, so the rows of a minute together carry all its users
 */
public record MetricRow(MetricKey key, long minute, long[] minuteCounts, long[] hourCounts, long[] dayCounts,
                        long[] userHashes) {}
