-- Degradations the checks noticed (dev.docent.monitoring.AlertRepository): open while cleared_at is null, at most one
-- open alert per check. evidence holds both windows' values and counts, the test and its statistic.
CREATE TABLE monitoring_alerts (
    id               bigserial   PRIMARY KEY,
    check_name       text        NOT NULL,
    raised_at        timestamptz NOT NULL,
    cleared_at       timestamptz,
    evidence         jsonb       NOT NULL,
    preceding_change text
);

CREATE UNIQUE INDEX monitoring_alerts_one_open ON monitoring_alerts (check_name) WHERE cleared_at IS NULL;
CREATE INDEX monitoring_alerts_by_time ON monitoring_alerts (raised_at);
