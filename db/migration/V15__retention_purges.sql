-- What each retention purge removed (RetentionPurge): the conversations go, their counts stay for the reports.
CREATE TABLE retention_purges (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purged_at     timestamptz NOT NULL DEFAULT now(),
    cutoff        timestamptz NOT NULL,
    conversations integer     NOT NULL,
    messages      bigint      NOT NULL,
    answered      bigint      NOT NULL
);
