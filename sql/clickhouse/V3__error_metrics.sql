-- Error metrics per (project, environment, release, issue fingerprint, level) and minute, with
-- hourly and daily rollups. "" stands for an absent environment or release.
--
-- The pipeline job inserts into error_metrics_rows only; it stores nothing (Null engine) and the
-- three materialized views below turn every inserted row into the minute, hour and day tables.
--
-- Why the rollups stay exact when rows are written more than once: the job re-emits a minute each
-- time its window fires (early firings, late events, replays after a restore), always with absolute
-- values. A view only sees inserted rows, never what a ReplacingMergeTree later keeps, so summing
-- minute counts into an hour would count every re-emission again. Instead each row also carries the
-- absolute count of its hour and of its day so far (the job keeps running totals per key), and every
-- count is stored as argMax(count, version): merging keeps the newest emission's value, however
-- often a row arrives. Distinct users are uniqCombined(14) states built from the user hashes of the
-- minute (exact for small sets, then a HyperLogLog of 2^14 cells: about 0.8% error, like the job's
-- own per-issue count, and several times faster to merge than the default 2^17); merging states is
-- a set union, so a repeated hash changes nothing either. Read counts with argMaxMerge and users
-- with uniqCombinedMerge(14), grouped by the full key (no FINAL needed).
--
-- The three tables have the same columns; `time` is the start of the row's minute, hour or day.
--
-- retention_days is the project's metrics retention when the row was written. It leads the
-- partition key, so retention drops whole partitions (daily for minutes, weekly for the rollups)
-- once they are older than it.
CREATE TABLE IF NOT EXISTS faultwatch.error_metrics_rows
(
    project_id     UInt64,
    environment    String,
    release        String,
    fingerprint    String,
    level          String,
    minute         DateTime,
    -- [events]: of the minute, of its hour so far, of its day so far.
    minute_counts  Array(UInt64),
    hour_counts    Array(UInt64),
    day_counts     Array(UInt64),
    -- Every distinct user of the minute so far (UserIdentity hashes, below 2^63).
    user_hashes    Array(UInt64),
    -- Increases with every emission of a key: the newest value wins.
    version        UInt64,
    retention_days UInt16
)
ENGINE = Null;

CREATE TABLE IF NOT EXISTS faultwatch.error_metrics_1m
(
    project_id     UInt64,
    environment    String,
    release        String,
    fingerprint    String,
    level          String,
    time           DateTime,
    event_count    AggregateFunction(argMax, UInt64, UInt64),
    users          AggregateFunction(uniqCombined(14), UInt64),
    retention_days UInt16
)
ENGINE = AggregatingMergeTree
PARTITION BY (retention_days, toYYYYMMDD(time, 'UTC'))
ORDER BY (project_id, time, environment, release, fingerprint, level);

CREATE TABLE IF NOT EXISTS faultwatch.error_metrics_1h AS faultwatch.error_metrics_1m
ENGINE = AggregatingMergeTree
PARTITION BY (retention_days, toMonday(time, 'UTC'))
ORDER BY (project_id, time, environment, release, fingerprint, level);

CREATE TABLE IF NOT EXISTS faultwatch.error_metrics_1d AS faultwatch.error_metrics_1m
ENGINE = AggregatingMergeTree
PARTITION BY (retention_days, toMonday(time, 'UTC'))
ORDER BY (project_id, time, environment, release, fingerprint, level);

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.error_metrics_1m_mv TO faultwatch.error_metrics_1m AS
SELECT project_id, environment, release, fingerprint, level, minute AS time,
       argMaxState(minute_counts[1], version) AS event_count,
       uniqCombinedMergeState(14)(arrayReduce('uniqCombinedState(14)', user_hashes)) AS users,
       retention_days
FROM faultwatch.error_metrics_rows
GROUP BY project_id, environment, release, fingerprint, level, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.error_metrics_1h_mv TO faultwatch.error_metrics_1h AS
SELECT project_id, environment, release, fingerprint, level, toStartOfHour(minute, 'UTC') AS time,
       argMaxState(hour_counts[1], version) AS event_count,
       uniqCombinedMergeState(14)(arrayReduce('uniqCombinedState(14)', user_hashes)) AS users,
       retention_days
FROM faultwatch.error_metrics_rows
GROUP BY project_id, environment, release, fingerprint, level, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.error_metrics_1d_mv TO faultwatch.error_metrics_1d AS
SELECT project_id, environment, release, fingerprint, level, toStartOfDay(minute, 'UTC') AS time,
       argMaxState(day_counts[1], version) AS event_count,
       uniqCombinedMergeState(14)(arrayReduce('uniqCombinedState(14)', user_hashes)) AS users,
       retention_days
FROM faultwatch.error_metrics_rows
GROUP BY project_id, environment, release, fingerprint, level, time, retention_days;
