-- Work that is requested now and done later by whichever instance of a fleet gets to it first (a replay of open
-- knowledge gaps after new documents). The request outlives the instance that made it: if that instance dies before
-- the work ran, another one still finds it due. One row per duty; due_at NULL when nothing is waiting.
CREATE TABLE fleet_duties (
    duty       text PRIMARY KEY,
    due_at     timestamptz,
    last_run_at timestamptz,
    last_run_by text
);

-- Per-user rate limits shared by every instance: a token bucket per user and action. UNLOGGED: no WAL for a counter
-- updated on every question, and a crash that empties it only ever errs towards letting someone in.
CREATE UNLOGGED TABLE rate_limit_buckets (
    bucket     text PRIMARY KEY,
    tokens     double precision NOT NULL,
    granted    boolean NOT NULL,
    updated_at timestamptz NOT NULL
);
