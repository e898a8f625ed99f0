-- Per-minute event counts per project and issue. Each row carries the absolute count of its
-- minute as the job last computed it; `version` (the emission time in ms) lets
-- ReplacingMergeTree keep the newest, so early firings and replays overwrite instead of adding.
-- Readers use FINAL (or argMax by version) until parts are merged.
CREATE TABLE IF NOT EXISTS faultwatch.error_metrics_1m
(
    project_id  UInt64,
    fingerprint String,
    minute      DateTime,
    event_count UInt64,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (project_id, minute, fingerprint);
