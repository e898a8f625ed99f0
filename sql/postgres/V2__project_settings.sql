-- Per-project ingestion settings, read (and cached) by the gateway with the project's keys.
ALTER TABLE projects
    -- Events accepted per minute; NULL means only the gateway's global limit applies.
    ADD COLUMN rate_limit_per_minute INTEGER CHECK (rate_limit_per_minute IS NULL OR rate_limit_per_minute > 0),
    -- Server-side PII scrubbing (passwords, tokens, cookies, card numbers): on unless a project opts out.
    ADD COLUMN scrub_data BOOLEAN NOT NULL DEFAULT TRUE,
    -- Keep users' IP addresses as sent; by default they are replaced by a hash.
    ADD COLUMN store_user_ip BOOLEAN NOT NULL DEFAULT FALSE;
