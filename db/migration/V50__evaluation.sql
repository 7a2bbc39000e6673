-- Evaluation sets, runs and their per-item results (issue 11). Owned by dev.docent.evaluation.

CREATE TABLE eval_sets (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    source      text        NOT NULL DEFAULT 'manual',
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE eval_items (
    id                  bigserial   PRIMARY KEY,
    set_id              uuid        NOT NULL REFERENCES eval_sets (id) ON DELETE CASCADE,
    question            text        NOT NULL,
    expected_answer     text,
    -- Document ids or file names, as the set's author wrote them; resolved when a run starts.
    expected_documents  text[]      NOT NULL DEFAULT '{}',
    answerable          boolean     NOT NULL
);

CREATE INDEX eval_items_by_set ON eval_items (set_id, id);

CREATE TABLE eval_runs (
    id           uuid        PRIMARY KEY,
    -- A run outlives its set: its items keep the questions they answered.
    set_id       uuid        REFERENCES eval_sets (id) ON DELETE SET NULL,
    set_name     text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed')),
    config       jsonb       NOT NULL,
    total        int         NOT NULL,
    done         int         NOT NULL DEFAULT 0,
    metrics      jsonb,
    error        text,
    started_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);

CREATE INDEX eval_runs_by_time ON eval_runs (created_at DESC);

CREATE TABLE eval_run_items (
    run_id    uuid   NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
    position  int    NOT NULL,
    result    jsonb  NOT NULL,
    PRIMARY KEY (run_id, position)
);
