-- Tenants. One installation is shared by teams: every project belongs to one organization, and an
-- API token sees only its own organization's data.
CREATE TABLE organizations (
    id         BIGSERIAL PRIMARY KEY,
    slug       TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,49}$'),
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Projects that existed before organizations (the demo's, a user's own) move to this one. Its id is
-- the column default below, so whatever still inserts projects without an organization lands here too.
INSERT INTO organizations (id, slug, name) VALUES (1, 'default', 'Default organization');
ALTER SEQUENCE organizations_id_seq RESTART WITH 2;

ALTER TABLE projects
    ADD COLUMN organization_id BIGINT NOT NULL DEFAULT 1 REFERENCES organizations (id),
    -- The share of error events the gateway keeps; the rest are dropped (counted as filtered outcomes).
    ADD COLUMN sample_rate DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (sample_rate >= 0 AND sample_rate <= 1);
CREATE INDEX projects_organization_id ON projects (organization_id);

-- Slugs name a project within its organization; two teams may both have a "backend".
ALTER TABLE projects DROP CONSTRAINT projects_slug_key;
ALTER TABLE projects ADD CONSTRAINT projects_organization_slug UNIQUE (organization_id, slug);

-- Projects created through the API take their ids from here, above every id in use now.
CREATE SEQUENCE projects_id_seq OWNED BY projects.id;
DO $$ BEGIN
    PERFORM setval('projects_id_seq', GREATEST(1, (SELECT COALESCE(max(id), 0) FROM projects)));
END $$;
ALTER TABLE projects ALTER COLUMN id SET DEFAULT nextval('projects_id_seq');

-- Bearer tokens of the query API. Only the SHA-256 of a token is kept: the secret is shown once, when
-- it is created. token_prefix (the start of the secret) lets a user tell tokens apart in a list.
CREATE TABLE api_tokens (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organizations (id),
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    scopes          TEXT[]      NOT NULL
        CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write', 'admin']),
    token_hash      TEXT        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    token_prefix    TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);
CREATE INDEX api_tokens_organization_id ON api_tokens (organization_id);

-- The issue list's sorts and range filters within a project (last_seen has its index since V1).
CREATE INDEX issues_project_first_seen ON issues (project_id, first_seen DESC, id DESC);
CREATE INDEX issues_project_times_seen ON issues (project_id, times_seen DESC, id DESC);
CREATE INDEX issues_project_users ON issues (project_id, users DESC, id DESC);
