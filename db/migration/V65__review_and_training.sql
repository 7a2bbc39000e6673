-- Review and training data (issue 11). A knowledge manager's verdict on one recorded answer, and the correct answer
-- when it was wrong: owned by dev.docent.review.ReviewRepository. A review goes with its message (the asker deleting
-- the conversation, an erasure, the retention purge); the reviewer's name is replaced when the reviewer is erased.
CREATE TABLE answer_reviews (
    message_id  uuid        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    verdict     text        NOT NULL CHECK (verdict IN ('correct', 'incorrect')),
    -- What the answer should have said; only with verdict 'incorrect'.
    correction  text        CHECK (length(correction) BETWEEN 1 AND 5000),
    reviewed_by text        NOT NULL,
    reviewed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (correction IS NULL OR verdict = 'incorrect')
);

CREATE INDEX answer_reviews_by_time ON answer_reviews (reviewed_at DESC);

-- An admin decides which collections' passages may go into exported fine-tuning data; none may until then.
ALTER TABLE collections ADD COLUMN training_use boolean NOT NULL DEFAULT false;
