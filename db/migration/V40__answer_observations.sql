-- What monitoring keeps about every recorded chat answer (dev.docent.monitoring.ObservationRepository): how it ended,
-- who wrote it, timings, tokens, cost, the citation warning, the groundedness score and the trace id. No question or
-- answer text: the degradation checks and the Operations page need numbers only. Rows go with their message.
CREATE TABLE answer_observations (
    message_id        uuid        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    observed_at       timestamptz NOT NULL DEFAULT now(),
    outcome           text        NOT NULL
                      CHECK (outcome IN ('answered', 'no_content', 'abstained', 'fallback', 'stopped', 'error')),
    provider          text,
    model             text,
    collection        text,
    prompt_version    text,
    first_token_ms    bigint,
    total_ms          bigint,
    prompt_tokens     integer,
    completion_tokens integer,
    cost_usd          numeric(12, 6),
    citation_warning  boolean     NOT NULL DEFAULT false,
    -- Share (0 to 1) of a model answer's sentences supported by the passages they cite; null for other answers.
    groundedness      real        CHECK (groundedness BETWEEN 0 AND 1),
    trace_id          text,
    -- The asker's latest verdict (up, down), copied from feedback events so rates need no join.
    rating            text        CHECK (rating IN ('up', 'down'))
);

CREATE INDEX answer_observations_by_time ON answer_observations (observed_at);
