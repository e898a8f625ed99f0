-- When the pipeline job last wrote the issue's row, by PostgreSQL's clock (clock_timestamp() in the
-- job's upsert, so rows of one batch get the time each was written). Compared with last_seen (the
-- gateway's receive time of the newest event in the row) it gives the pipeline's freshness.
ALTER TABLE issues
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
