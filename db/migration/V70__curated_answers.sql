-- Curated answers: a knowledge manager's own answer to a question (often a knowledge-gap cluster), with the documents
-- it relies on. A later question close enough to one of its questions gets it, if the asker may read every one of its
-- documents. Written only by dev.docent.curated.CuratedRepository.
CREATE TABLE curated_answers (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    answer      text        NOT NULL CHECK (length(answer) BETWEEN 1 AND 8000),
    -- Document ids, in citation order. No foreign key: a deleted document simply stops the answer being served
    -- (nobody may read it any more), and the answer stays listed so a knowledge manager can fix or retire it.
    documents   uuid[]      NOT NULL CHECK (cardinality(documents) BETWEEN 1 AND 20),
    -- The gap cluster it answers, if it was written from one.
    gap_id      bigint      REFERENCES gap_clusters (id) ON DELETE SET NULL,
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    version     integer     NOT NULL DEFAULT 1,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX curated_answers_by_gap ON curated_answers (gap_id);

-- The questions a curated answer answers, embedded like a chat query; a question is matched against each of them.
CREATE TABLE curated_questions (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    curated_id      bigint      NOT NULL REFERENCES curated_answers (id) ON DELETE CASCADE,
    question        text        NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
    embedding       vector(${embeddingDimension}) NOT NULL,
    embedding_model text        NOT NULL
);

CREATE INDEX curated_questions_by_answer ON curated_questions (curated_id);

-- Every version of every curated answer (the first included): who changed what, and when.
CREATE TABLE curated_answer_versions (
    curated_id  bigint      NOT NULL REFERENCES curated_answers (id) ON DELETE CASCADE,
    version     integer     NOT NULL,
    answer      text        NOT NULL,
    documents   uuid[]      NOT NULL,
    questions   text[]      NOT NULL,
    status      text        NOT NULL,
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (curated_id, version)
);

-- A served curated answer is its own outcome in the monitoring observations (counted as answered).
ALTER TABLE answer_observations DROP CONSTRAINT IF EXISTS answer_observations_outcome_check;
ALTER TABLE answer_observations ADD CONSTRAINT answer_observations_outcome_check
    CHECK (outcome IN ('answered', 'curated', 'no_content', 'abstained', 'fallback', 'stopped', 'error'));
