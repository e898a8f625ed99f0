package io.faultwatch.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ClickHouse partitions have outlived their retention. The pipeline job stamps every row with its
 * project's retention in days, which leads the partition key, followed by the partition's first day
 * (sql/clickhouse V5 and V7), so a partition id reads {@code <retention days>-<YYYYMMDD>}. A partition
 * expires once all its rows are older than its retention: its last day ended at least that many days
 * ago. Pure: no I/O.
 */
public final class RetentionPolicy {

    /** Every table with data, and how many days each of its partitions spans. */
    public static final Map<String, Integer> PARTITION_DAYS = Map.of(
            "error_metrics_1m", 1,
            "error_metrics_1h", 7,
            "error_metrics_1d", 7,
            "session_metrics_1m", 1,
            "session_metrics_1h", 7,
            "session_metrics_1d", 7,
            "events", 1);

    private static final Pattern PARTITION_ID = Pattern.compile("([0-9]{1,5})-([0-9]{8})");

    private RetentionPolicy() {
    }

    /**
     * Whether the partition's rows are all past its retention on {@code today} (UTC). Empty for a partition
     * id this policy does not know (a table created otherwise): such partitions are never dropped.
     */
    public static Optional<Boolean> isExpired(String table, String partitionId, LocalDate today) {
        Integer days = PARTITION_DAYS.get(table);
        Matcher matcher = PARTITION_ID.matcher(partitionId);
        if (days == null || !matcher.matches()) {
            return Optional.empty();
        }
        LocalDate first = LocalDate.parse(matcher.group(2), DateTimeFormatter.BASIC_ISO_DATE);
        LocalDate end = first.plusDays(days);
        return Optional.of(!end.plusDays(Integer.parseInt(matcher.group(1))).isAfter(today));
    }
}
