-- Alert rules, managed by the query API (which publishes every change on the compacted topic
-- fw.alert-rules for the pipeline job), and what the notifier sent for them.
CREATE TABLE alert_rules (
    id                      BIGSERIAL PRIMARY KEY,
    project_id              BIGINT      NOT NULL REFERENCES projects (id),
    name                    TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind                    TEXT        NOT NULL CHECK (kind IN ('event_count', 'error_rate', 'spike', 'new_issue',
                                                                 'regression', 'consecutive_failures')),
    enabled                 BOOLEAN     NOT NULL DEFAULT TRUE,
    -- Evaluated per issue (fingerprint) rather than for the whole project.
    per_issue               BOOLEAN     NOT NULL DEFAULT FALSE,
    window_seconds          BIGINT      NOT NULL CHECK (window_seconds > 0),
    threshold               DOUBLE PRECISION NOT NULL,
    -- Hysteresis: a firing alert resolves only at or below this value.
    resolve_threshold       DOUBLE PRECISION NOT NULL,
    -- {"environment", "level", "issue", "tags": {...}}: every given filter must match.
    filters                 JSONB       NOT NULL DEFAULT '{}',
    -- Kind-specific: {"baseline_windows", "min_count"} (spike), {"source", "min_sessions"} (error rate),
    -- {"failure_tags": {...}} (consecutive failures).
    params                  JSONB       NOT NULL DEFAULT '{}',
    action_interval_seconds BIGINT      NOT NULL DEFAULT 1800 CHECK (action_interval_seconds > 0),
    -- [{"type": "slack" | "webhook" | "email", "target": url or address}]
    channels                JSONB       NOT NULL DEFAULT '[]',
    snoozed_until           TIMESTAMPTZ,
    muted_until             TIMESTAMPTZ,
    -- Grows with every change, so consumers of the topic can tell newer from older.
    version                 BIGINT      NOT NULL DEFAULT 1,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX alert_rules_project ON alert_rules (project_id, id);

-- One row per notification: notification_id is derived from the rule firing, so a notification the job
-- writes again after a restore hits ON CONFLICT DO NOTHING and is never delivered twice.
-- No foreign key to alert_rules: history outlives a deleted rule.
CREATE TABLE alert_history (
    notification_id UUID        PRIMARY KEY,
    rule_id         BIGINT      NOT NULL,
    project_id      BIGINT      NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    fingerprint     TEXT,
    -- The notification as the job emitted it (value, threshold, window, first/last seen, ...).
    payload         JSONB       NOT NULL,
    -- When the gateway received the event that crossed the threshold (or when the alert resolved).
    triggered_at    TIMESTAMPTZ NOT NULL,
    -- When the notifier took it in.
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    status          TEXT        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed', 'no_channels')),
    finished_at     TIMESTAMPTZ
);
CREATE INDEX alert_history_project ON alert_history (project_id, triggered_at DESC);
CREATE INDEX alert_history_rule ON alert_history (rule_id, triggered_at DESC);
-- The notifier's sweep for deliveries a crash interrupted.
CREATE INDEX alert_history_pending ON alert_history (received_at) WHERE status = 'pending';

-- Every delivery attempt of a notification to one channel.
CREATE TABLE alert_deliveries (
    id              BIGSERIAL   PRIMARY KEY,
    notification_id UUID        NOT NULL REFERENCES alert_history (notification_id) ON DELETE CASCADE,
    channel_type    TEXT        NOT NULL,
    target          TEXT        NOT NULL,
    attempt         INTEGER     NOT NULL CHECK (attempt >= 1),
    -- ok, or retry (will be tried again), or failed (given up: permanent error or attempts exhausted).
    status          TEXT        NOT NULL CHECK (status IN ('ok', 'retry', 'failed')),
    http_status     INTEGER,
    error           TEXT,
    sent_at         TIMESTAMPTZ NOT NULL,
    latency_ms      BIGINT      NOT NULL
);
CREATE INDEX alert_deliveries_notification ON alert_deliveries (notification_id, id);
