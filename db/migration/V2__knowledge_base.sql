-- The knowledge base: collections (with the groups that may read them), documents with their
-- original file, their chunks (vector + full-text), and the durable ingestion queue.

CREATE TABLE collections (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    description text        NOT NULL DEFAULT '',
    -- Keycloak groups allowed to read; empty means everyone. Retrieval filters on it inside its SQL.
    groups      text[]      NOT NULL DEFAULT '{}',
    -- Content never sent to a commercial LLM provider.
    local_only  boolean     NOT NULL DEFAULT false,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO collections (name, description, created_by)
VALUES ('general', 'Documents everyone may read', 'docent');

CREATE TABLE documents (
    id              uuid        PRIMARY KEY,
    collection_id   bigint      NOT NULL REFERENCES collections (id),
    file_name       text        NOT NULL,
    title           text,
    media_type      text,
    size_bytes      bigint      NOT NULL CHECK (size_bytes > 0),
    sha256          text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'processing', 'ready', 'failed')),
    stage           text,
    progress        real        NOT NULL DEFAULT 0,
    error           text,
    pages           integer,
    chunk_count     integer,
    parse_report    jsonb,
    embedding_model text,
    uploaded_by     text        NOT NULL,
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    ready_at        timestamptz,
    -- The same bytes in the same collection are the same document, however often (and however
    -- concurrently) they are uploaded.
    UNIQUE (collection_id, sha256)
);

CREATE INDEX documents_by_name ON documents (collection_id, file_name);

-- The original upload, kept for "open the source" and for re-indexing.
CREATE TABLE document_files (
    document_id uuid  PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    content     bytea NOT NULL
);

CREATE TABLE chunks (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id   uuid    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- Copied from the document so the access filter is part of the vector and keyword queries.
    collection_id bigint  NOT NULL REFERENCES collections (id),
    ordinal       integer NOT NULL,
    page          integer,
    heading_path  text[]  NOT NULL DEFAULT '{}',
    -- "Title > Heading > Subheading": embedded with the content and searchable.
    context       text    NOT NULL,
    content       text    NOT NULL,
    token_count   integer NOT NULL,
    embedding     vector(${embeddingDimension}) NOT NULL,
    tsv           tsvector GENERATED ALWAYS AS (to_tsvector('english', context || E'\n' || content)) STORED,
    UNIQUE (document_id, ordinal)
);

CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX chunks_tsv_gin ON chunks USING gin (tsv);
CREATE INDEX chunks_by_collection ON chunks (collection_id);

-- Durable work queue: workers claim with FOR UPDATE SKIP LOCKED and hold a lease that expires, so a
-- job whose worker died (kill -9) is picked up again.
CREATE TABLE ingestion_jobs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id uuid        NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
    attempts    integer     NOT NULL DEFAULT 0,
    run_after   timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,
    worker      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ingestion_jobs_ready ON ingestion_jobs (run_after, id);

-- One-off facts about this installation (for example: the user guide was loaded once, so deleting it sticks).
CREATE TABLE settings (
    key        text        PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
