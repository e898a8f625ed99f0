-- Projects and their DSN keys: read (and cached) by the gateway, managed by query-api.
CREATE TABLE projects (
    id         BIGINT PRIMARY KEY,
    slug       TEXT        NOT NULL UNIQUE,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE project_keys (
    public_key TEXT PRIMARY KEY CHECK (public_key ~ '^[0-9a-f]{32}$'),
    project_id BIGINT      NOT NULL REFERENCES projects (id),
    is_active  BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX project_keys_project_id ON project_keys (project_id);

-- One row per (project, fingerprint). The Flink job is the single writer of the counters and
-- always writes absolute values from its state, so replays converge on the same row.
-- No foreign key to projects: the gateway only admits events of known projects, and a sink
-- that fails on a constraint would stall the whole job.
CREATE TABLE issues (
    id          BIGSERIAL PRIMARY KEY,
    project_id  BIGINT      NOT NULL,
    fingerprint TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    culprit     TEXT,
    level       TEXT        NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    times_seen  BIGINT      NOT NULL,
    UNIQUE (project_id, fingerprint)
);
CREATE INDEX issues_project_last_seen ON issues (project_id, last_seen DESC);
