-- Knowledge gaps: the questions Docent could not answer, grouped by meaning into clusters as they arrive, plus the
-- users' feedback on answers. Written by the gaps feature (dev.docent.gaps, dev.docent.feedback), never by chat.

-- A user's verdict on one answer; latest wins (one row per message).
CREATE TABLE answer_feedback (
    message_id uuid        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    owner      text        NOT NULL,
    rating     text        NOT NULL CHECK (rating IN ('up', 'down')),
    reason     text        CHECK (reason IN ('didnt_answer', 'incorrect', 'incomplete', 'wrong_sources', 'other')),
    comment    text        CHECK (length(comment) <= 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX answer_feedback_by_time ON answer_feedback (updated_at);

-- A group of unanswered questions that mean the same thing. The centroid is the normalized mean of the members'
-- vectors (same model and dimension as the chunks); the label is the member closest to it, masked.
CREATE TABLE gap_clusters (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label          text        NOT NULL,
    centroid       vector(${embeddingDimension}) NOT NULL,
    embedding_model text       NOT NULL,
    -- likely_resolved is set only by the replay (new content answers the questions now); managers confirm it
    -- (resolved) or reopen it (open).
    status         text        NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'in_progress', 'likely_resolved', 'resolved', 'dismissed')),
    owner          text        CHECK (length(owner) <= 100),
    notes          text        CHECK (length(notes) <= 4000),
    -- What the replay found: {"replayedAt", "answered", "replayed", "question", "answer", "sources": [...]}
    evidence       jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX gap_clusters_by_status ON gap_clusters (status);

-- One unanswered question in one cluster. cause: no_content | abstained (from the message), withheld (an answer exists
-- in a collection the asker may not read: a permissions gap), user_feedback (thumbs down, "didn't answer my question").
CREATE TABLE gap_questions (
    message_id   uuid        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    cluster_id   bigint      NOT NULL REFERENCES gap_clusters (id) ON DELETE CASCADE,
    owner        text        NOT NULL,
    -- The asker's groups when they asked: the replay asks again with exactly what they could read.
    groups       text[]      NOT NULL DEFAULT '{}',
    question     text        NOT NULL,
    query        text        NOT NULL,
    cause        text        NOT NULL CHECK (cause IN ('no_content', 'abstained', 'withheld', 'user_feedback')),
    -- Collections of the closest passages (for withheld: the collection the asker may not read).
    collections  text[]      NOT NULL DEFAULT '{}',
    embedding    vector(${embeddingDimension}) NOT NULL,
    asked_at     timestamptz NOT NULL
);

CREATE INDEX gap_questions_by_cluster ON gap_questions (cluster_id, asked_at);
CREATE INDEX gap_questions_by_time ON gap_questions (asked_at);
