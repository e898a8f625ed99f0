-- V1's error_metrics_1m counted events per issue and minute only. V3 recreates the table keyed by
-- project, environment, release, issue and level, with distinct users and hourly and daily
-- rollups. V1's rows cannot be split by those dimensions, so they are dropped rather than carried
-- over as rows that would match no environment, release or level filter. The drop is a migration
-- of its own so that V3 only ever creates (IF NOT EXISTS) and can run again after an interruption.
DROP TABLE IF EXISTS faultwatch.error_metrics_1m;
