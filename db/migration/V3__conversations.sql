-- Chat: each user's conversations and every answer, recorded with what it was built from. The record feeds
-- the knowledge-gap reports and monitoring (latency, tokens, cost, answered or not).

CREATE TABLE conversations (
    id         uuid        PRIMARY KEY,
    owner      text        NOT NULL,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversations_by_owner ON conversations (owner, updated_at DESC);

CREATE TABLE messages (
    id                uuid        PRIMARY KEY,
    conversation_id   uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    owner             text        NOT NULL,
    question          text        NOT NULL,
    rewritten_query   text        NOT NULL,
    answer            text        NOT NULL,
    answered          boolean     NOT NULL,
    notice            text,
    citations         jsonb       NOT NULL DEFAULT '[]',
    -- [{"chunkId", "score", "similarity"}] in rank order: what retrieval returned, cited or not
    retrieved         jsonb       NOT NULL DEFAULT '[]',
    top_similarity    real,
    provider          text        NOT NULL,
    model             text,
    first_token_ms    integer,
    total_ms          integer     NOT NULL,
    prompt_tokens     integer,
    completion_tokens integer,
    cost_usd          numeric(12, 6),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at);
CREATE INDEX messages_unanswered ON messages (created_at) WHERE NOT answered;
