-- Safety (issue 14): what the guards blocked or flagged, for the admins' Safety page.

-- A question the question guard refused is recorded with the cause "blocked" (it never reached a model).
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_unanswered_cause_check;
ALTER TABLE messages ADD CONSTRAINT messages_unanswered_cause_check
    CHECK (unanswered_cause IN ('no_content', 'abstained', 'blocked'));

-- Questions and answers a guard blocked or flagged (owned by dev.docent.safety.SafetyRepository).
CREATE TABLE safety_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guard       text        NOT NULL CHECK (guard IN ('question', 'answer')),
    action      text        NOT NULL CHECK (action IN ('blocked', 'flagged', 'cleaned')),
    cause       text        NOT NULL,
    detail      text        NOT NULL,
    username    text,
    message_id  uuid,
    -- The question (for the question guard), cut to 500 characters: what an admin needs to judge it.
    excerpt     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_events_created ON safety_events (created_at DESC);
CREATE INDEX safety_events_user ON safety_events (username);

-- Chunks the ingestion scan found instructions aimed at a model in. Keyed by the chunk's place in its document, so
-- the flags survive nothing but the chunks they describe (a re-ingestion rewrites both in one transaction).
CREATE TABLE chunk_flags (
    document_id uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     integer     NOT NULL,
    cause       text        NOT NULL,
    detail      text        NOT NULL,
    excerpt     text        NOT NULL,
    released_at timestamptz,
    released_by text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, ordinal)
);
CREATE INDEX chunk_flags_created ON chunk_flags (created_at DESC);
