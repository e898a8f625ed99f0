package io.faultwatch.bench;

/**
 * The benchmark's data, as the pipeline job would write it, generated inside ClickHouse (INSERT ...
 * SELECT from system.numbers) one day at a time into the landing tables, so the materialized views fill
 * the minute, hour and day tables as they do in production. Every issue has a row in every minute.
 *
 * <p>Issue i belongs to project {@code first + i % projects}; a third of the issues are in staging, the
 * rest in production; the release changes every ten days; levels are mixed. Issue i has
 * {@code 1 + (i + m) % 5} events in minute m of a day and 1 to 3 users from a pool of 97, so every hour
 * has exactly 180 events and every day 4,320: what the rows carry as running totals, and what the
 * benchmark checks the answers against. Each project reports 60 sessions a minute (55 exited, 5 errored,
 * 1 crashed).
 */
final class MetricsData {

    static final long EVENTS_PER_ISSUE_DAY = 4_320;
    static final long SESSIONS_PER_PROJECT_DAY = 86_400;
    static final int MINUTES_PER_DAY = 1_440;

    private MetricsData() {
    }

    /** @param day the day's index from 0, which picks its release */
    static String errorMetricsDay(StatsBenchConfig config, int day, long dayStartEpochSecond) {
        return "INSERT INTO " + config.database() + ".error_metrics_rows (project_id, environment, release, fingerprint,"
                + " level, minute, minute_counts, hour_counts, day_counts, user_hashes, retention_days)"
                + " SELECT " + config.firstProject() + " + issue % " + config.projects() + ","
                + " if(issue % 3 = 0, 'staging', 'production'),"
                + " concat('app@1.', toString(intDiv(" + day + ", 10))),"
                + " lower(hex(MD5(toString(issue)))),"
                + " multiIf(issue % 7 = 0, 'fatal', issue % 7 < 3, 'warning', 'error'),"
                + " toDateTime(" + dayStartEpochSecond + " + m * 60),"
                + " [toUInt64(1 + (issue + m) % 5)], [toUInt64(180)], [toUInt64(" + EVENTS_PER_ISSUE_DAY + ")],"
                + " arrayMap(k -> cityHash64(issue, (m + k) % 97) % 1000000000 + 1, range(1 + m % 3)), toUInt16(90)"
                + " FROM (SELECT intDiv(number, " + MINUTES_PER_DAY + ") AS issue, number % " + MINUTES_PER_DAY
                + " AS m FROM system.numbers LIMIT " + (long) config.issues() * MINUTES_PER_DAY + ")";
    }

    static String sessionMetricsDay(StatsBenchConfig config, int day, long dayStartEpochSecond) {
        return "INSERT INTO " + config.database() + ".session_metrics_rows (project_id, environment, release, minute,"
                + " minute_counts, hour_counts, day_counts, retention_days)"
                + " SELECT " + config.firstProject() + " + p, 'production',"
                + " concat('app@1.', toString(intDiv(" + day + ", 10))),"
                + " toDateTime(" + dayStartEpochSecond + " + m * 60),"
                + " [toUInt64(60), 55, 5, 1, 0], [toUInt64(3600), 3300, 300, 60, 0],"
                + " [toUInt64(" + SESSIONS_PER_PROJECT_DAY + "), 79200, 7200, 1440, 0], toUInt16(90)"
                + " FROM (SELECT intDiv(number, " + MINUTES_PER_DAY + ") AS p, number % " + MINUTES_PER_DAY
                + " AS m FROM system.numbers LIMIT " + (long) config.projects() * MINUTES_PER_DAY + ")";
    }
}
