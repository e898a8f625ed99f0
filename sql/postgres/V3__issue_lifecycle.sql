-- The issue lifecycle. Who writes what:
--   * the Flink job writes every column below except assignee, always as absolute values from its
--     keyed state, so a replay after a restore converges on the same row;
--   * the query API writes status changes (status, resolved_*, ignore_*) when a user makes them, and
--     publishes them to fw.issue-commands; the job applies them to its state and writes the row
--     again, so the status converges on the job's view even when an event raced the API's write;
--   * assignee belongs to the API alone: the job's upsert never touches it.
ALTER TABLE issues
    -- Distinct users affected: a HyperLogLog estimate (error under 2%).
    ADD COLUMN users               BIGINT      NOT NULL DEFAULT 0 CHECK (users >= 0),
    ADD COLUMN first_release       TEXT,
    ADD COLUMN last_release        TEXT,
    -- The environments the issue was seen in (bounded by the job), sorted.
    ADD COLUMN environments        TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN status              TEXT        NOT NULL DEFAULT 'unresolved'
        CHECK (status IN ('unresolved', 'resolved', 'resolved_in_next_release', 'ignored')),
    -- resolved / resolved_in_next_release: when the resolution took effect.
    ADD COLUMN resolved_at         TIMESTAMPTZ,
    -- resolved_in_next_release: the release current at resolution; only a newer one reopens the issue.
    ADD COLUMN resolved_in_release TEXT,
    -- ignored: until this time and/or until this many more events; both NULL means forever.
    ADD COLUMN ignore_until        TIMESTAMPTZ,
    ADD COLUMN ignore_count        BIGINT      CHECK (ignore_count IS NULL OR ignore_count > 0),
    ADD COLUMN assignee            TEXT;
