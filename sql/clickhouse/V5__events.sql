-- One row per event, for an issue's event list and for error metrics by source, type and level.
-- The pipeline job writes every event it reads; a replay writes the same row (same key) again and
-- ReplacingMergeTree keeps one, so readers use FINAL.
--
-- retention_days is the project's event retention when the row was written; it leads the daily
-- partition key, so retention drops whole days once they are older than it.
CREATE TABLE IF NOT EXISTS faultwatch.events
(
    project_id     UInt64,
    event_id       String,
    -- When the gateway received the event: the pipeline's event time. The DateTime partitions and
    -- buckets; the epoch milliseconds order and page.
    received_at    DateTime,
    received_at_ms UInt64,
    -- When the SDK says it happened, epoch milliseconds.
    timestamp_ms   UInt64,
    level          String,
    environment    String,
    release        String,
    platform       String,
    server_name    String,
    transaction    String,
    -- The thrown exception's type and value; empty for a message event.
    error_type     String,
    error_value    String,
    message        String,
    -- The issue: its fingerprint, and its title and culprit as this event made them.
    fingerprint    String,
    title          String,
    culprit        String,
    -- UserIdentity hash of the user (0: none), the same hash the error metrics count.
    user_hash      UInt64,
    tag_keys       Array(String),
    tag_values     Array(String),
    -- The canonical event as the gateway wrote it to fw.events (scrubbed, trimmed JSON).
    payload        String,
    retention_days UInt16
)
ENGINE = ReplacingMergeTree
PARTITION BY (retention_days, toYYYYMMDD(received_at, 'UTC'))
ORDER BY (project_id, fingerprint, received_at_ms, event_id);
