-- Release health per (project, environment, release) and minute, from fw.sessions, with hourly and
-- daily rollups; written and read like the error metrics of V3 (see there why every count is an
-- argMax of absolute values). The job counts each session once when it starts (its init update),
-- once when it first reports an error, and once when it ends; an aggregate bucket's counts are
-- taken as they are. The counts, in the order of the arrays of session_metrics_rows:
--   started   sessions that started;
--   exited    sessions that ended normally (with or without handled errors);
--   errored   sessions that saw an error, the crashed and abnormal ones included;
--   crashed   sessions that ended in a crash;
--   abnormal  sessions that ended abnormally (e.g. the app was killed).
-- So error rate = errored / started and crash-free rate = 1 - crashed / started. As in V3, the three
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
    version        UInt64,
    retention_days UInt16
)
ENGINE = Null;

CREATE TABLE IF NOT EXISTS faultwatch.session_metrics_1m
(
    project_id     UInt64,
    environment    String,
    release        String,
    time           DateTime,
    started        AggregateFunction(argMax, UInt64, UInt64),
    exited         AggregateFunction(argMax, UInt64, UInt64),
    errored        AggregateFunction(argMax, UInt64, UInt64),
    crashed        AggregateFunction(argMax, UInt64, UInt64),
    abnormal       AggregateFunction(argMax, UInt64, UInt64),
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
       argMaxState(minute_counts[1], version) AS started,
       argMaxState(minute_counts[2], version) AS exited,
       argMaxState(minute_counts[3], version) AS errored,
       argMaxState(minute_counts[4], version) AS crashed,
       argMaxState(minute_counts[5], version) AS abnormal,
       retention_days
FROM faultwatch.session_metrics_rows
GROUP BY project_id, environment, release, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.session_metrics_1h_mv TO faultwatch.session_metrics_1h AS
SELECT project_id, environment, release, toStartOfHour(minute, 'UTC') AS time,
       argMaxState(hour_counts[1], version) AS started,
       argMaxState(hour_counts[2], version) AS exited,
       argMaxState(hour_counts[3], version) AS errored,
       argMaxState(hour_counts[4], version) AS crashed,
       argMaxState(hour_counts[5], version) AS abnormal,
       retention_days
FROM faultwatch.session_metrics_rows
GROUP BY project_id, environment, release, time, retention_days;

CREATE MATERIALIZED VIEW IF NOT EXISTS faultwatch.session_metrics_1d_mv TO faultwatch.session_metrics_1d AS
SELECT project_id, environment, release, toStartOfDay(minute, 'UTC') AS time,
       argMaxState(day_counts[1], version) AS started,
       argMaxState(day_counts[2], version) AS exited,
       argMaxState(day_counts[3], version) AS errored,
       argMaxState(day_counts[4], version) AS crashed,
       argMaxState(day_counts[5], version) AS abnormal,
       retention_days
FROM faultwatch.session_metrics_rows
GROUP BY project_id, environment, release, time, retention_days;
