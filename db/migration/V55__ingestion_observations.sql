-- What monitoring keeps about every ingestion attempt (dev.docent.monitoring.IngestionObservationRepository): when it
-- ended, whether the document became searchable or why it failed, and its chunks. The Operations page charts
-- throughput from it and the ingestion-failures check compares its windows. No document reference: the rows outlive
-- deleted documents, as counts should.
CREATE TABLE ingestion_observations (
    id           bigserial   PRIMARY KEY,
    observed_at  timestamptz NOT NULL DEFAULT now(),
    ready        boolean     NOT NULL,
    failure      text,
    chunks       integer     NOT NULL DEFAULT 0 CHECK (chunks >= 0),
    embedding_ms bigint      NOT NULL DEFAULT 0 CHECK (embedding_ms >= 0)
);

CREATE INDEX ingestion_observations_by_time ON ingestion_observations (observed_at);
