-- How long ClickHouse keeps a project's data, in days. The pipeline job stamps the value in force on
-- every row it writes (it leads the partition keys), and retention drops partitions older than
-- it, so a change applies to data written from then on.
ALTER TABLE projects
    ADD COLUMN metrics_retention_days INTEGER NOT NULL DEFAULT 90
        CHECK (metrics_retention_days BETWEEN 1 AND 3650),
    ADD COLUMN events_retention_days  INTEGER NOT NULL DEFAULT 30
        CHECK (events_retention_days BETWEEN 1 AND 3650);
