-- Error metrics per (project, environment, release, issue fingerprint, level) and minute, with
-- hourly and daily rollups, then the same for sessions; they replace V3's and V4's tables (see V6).
-- "" stands for an absent environment or release.
--
-- The pipeline job inserts into error_metrics_rows only; it stores nothing (Null engine) and the
-- three materialized views below turn every inserted row into the minute, hour and day tables.
--
-- Why the rollups stay exact when rows are written more than once: the job re-emits a minute each
-- time its window fires (early firings, late events, replays after a restore), always with absolute
-- values. A view only sees inserted rows, never what a ReplacingMergeTree later keeps, so summing
-- minute counts into an hour would count every re-emission again. Instead each row also carries the
-- absolute count of its hour and of its day so far (the job keeps running totals per key), and every
-- count is stored as max(count): a key's counts only grow, so the largest value emitted is the
-- newest, however often and in whatever order rows arrive. A job that saw only part of the stream
-- (started without its state, or a second job on the same topic) emits lower totals, which never
-- replace complete ones. Distinct users are uniqCombined(14) states built from the user hashes of the
-- minute (exact for small sets, then a HyperLogLog of 2^14 cells: about 0.8% error, like the job's
-- own per-issue count, and several times faster to merge than the default 2^17); merging states is
-- a set union, so a repeated hash changes nothing either. Read counts with maxMerge and users
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
    event_count    AggregateFunction(max, UInt64),
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
       maxState(minute_counts[1]) AS event_count,
       uniqCombinedMergeState(14)(arrayReduce('uniqCombinedState(14)', user_hashes)) AS users,
       retention_days
FROM faultwatch.error_metrics_rows
GROUP BY project_id, environment, release, fingerprint, level, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.error_metrics_1h_mv TO faultwatch.error_metrics_1h AS
SELECT project_id, environment, release, fingerprint, level, toStartOfHour(minute, 'UTC') AS time,
       maxState(hour_counts[1]) AS event_count,
       uniqCombinedMergeState(14)(arrayReduce('uniqCombinedState(14)', user_hashes)) AS users,
       retention_days
FROM faultwatch.error_metrics_rows
GROUP BY project_id, environment, release, fingerprint, level, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.error_metrics_1d_mv TO faultwatch.error_metrics_1d AS
SELECT project_id, environment, release, fingerprint, level, toStartOfDay(minute, 'UTC') AS time,
       maxState(day_counts[1]) AS event_count,
       uniqCombinedMergeState(14)(arrayReduce('uniqCombinedState(14)', user_hashes)) AS users,
       retention_days
FROM faultwatch.error_metrics_rows
GROUP BY project_id, environment, release, fingerprint, level, time, retention_days;

-- Release health per (project, environment, release) and minute, from fw.sessions, with hourly and
-- daily rollups; written and read like the error metrics above (see there why every count is the
-- max of absolute values). The job counts each session once when it starts (its init update),
-- once when it first reports an error, and once when it ends; an aggregate bucket's counts are
-- taken as they are. The counts, in the order of the arrays of session_metrics_rows:
--   started   sessions that started;
--   exited    sessions that ended normally (with or without handled errors);
--   errored   sessions that saw an error, the crashed and abnormal ones included;
--   crashed   sessions that ended in a crash;
--   abnormal  sessions that ended abnormally (e.g. the app was killed).
-- So error rate = errored / started and crash-free rate = 1 - crashed / started. As above, the three
-- tables have the same columns and `time` is the start of the row's minute, hour or day.
CREATE TABLE IF NOT EXISTS faultwatch.session_metrics_rows
(
    project_id     UInt64,
    environment    String,
    release        String,
    minute         DateTime,
    -- [started, exited, errored, crashed, abnormal]: of the minute, of its hour so far, of its day so far.
    minute_counts  Array(UInt64),
    hour_counts    Array(UInt64),
    day_counts     Array(UInt64),
    retention_days UInt16
)
ENGINE = Null;

CREATE TABLE IF NOT EXISTS faultwatch.session_metrics_1m
(
    project_id     UInt64,
    environment    String,
    release        String,
    time           DateTime,
    started        AggregateFunction(max, UInt64),
    exited         AggregateFunction(max, UInt64),
    errored        AggregateFunction(max, UInt64),
    crashed        AggregateFunction(max, UInt64),
    abnormal       AggregateFunction(max, UInt64),
    retention_days UInt16
)
ENGINE = AggregatingMergeTree
PARTITION BY (retention_days, toYYYYMMDD(time, 'UTC'))
ORDER BY (project_id, time, environment, release);

CREATE TABLE IF NOT EXISTS faultwatch.session_metrics_1h AS faultwatch.session_metrics_1m
ENGINE = AggregatingMergeTree
PARTITION BY (retention_days, toMonday(time, 'UTC'))
ORDER BY (project_id, time, environment, release);

CREATE TABLE IF NOT EXISTS faultwatch.session_metrics_1d AS faultwatch.session_metrics_1m
ENGINE = AggregatingMergeTree
PARTITION BY (retention_days, toMonday(time, 'UTC'))
ORDER BY (project_id, time, environment, release);

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.session_metrics_1m_mv TO faultwatch.session_metrics_1m AS
SELECT project_id, environment, release, minute AS time,
       maxState(minute_counts[1]) AS started,
       maxState(minute_counts[2]) AS exited,
       maxState(minute_counts[3]) AS errored,
       maxState(minute_counts[4]) AS crashed,
       maxState(minute_counts[5]) AS abnormal,
       retention_days
FROM faultwatch.session_metrics_rows
GROUP BY project_id, environment, release, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.session_metrics_1h_mv TO faultwatch.session_metrics_1h AS
SELECT project_id, environment, release, toStartOfHour(minute, 'UTC') AS time,
       maxState(hour_counts[1]) AS started,
       maxState(hour_counts[2]) AS exited,
       maxState(hour_counts[3]) AS errored,
       maxState(hour_counts[4]) AS crashed,
       maxState(hour_counts[5]) AS abnormal,
       retention_days
FROM faultwatch.session_metrics_rows
GROUP BY project_id, environment, release, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.session_metrics_1d_mv TO faultwatch.session_metrics_1d AS
SELECT project_id, environment, release, toStartOfDay(minute, 'UTC') AS time,
       maxState(day_counts[1]) AS started,
       maxState(day_counts[2]) AS exited,
       maxState(day_counts[3]) AS errored,
       maxState(day_counts[4]) AS crashed,
       maxState(day_counts[5]) AS abnormal,
       retention_days
FROM faultwatch.session_metrics_rows
GROUP BY project_id, environment, release, time, retention_days;
