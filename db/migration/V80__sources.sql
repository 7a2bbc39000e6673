-- Sources: places Docent indexes and keeps current (a website, a server directory), each synced on a schedule.
-- A source's documents are ordinary documents of its collection; source_items remembers which item became which
-- document and its content hash, so an unchanged item costs nothing and a vanished one is removed.

CREATE TABLE sources (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL UNIQUE,
    type            text        NOT NULL CHECK (type ~ '^[a-z][a-z0-9-]{0,30}$'),
    collection_id   bigint      NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    -- A start URL or sitemap (website), an absolute path (directory).
    location        text        NOT NULL,
    max_depth       integer     NOT NULL,
    max_items       integer     NOT NULL,
    other_hosts     boolean     NOT NULL DEFAULT false,
    sync_every      interval    NOT NULL,
    enabled         boolean     NOT NULL DEFAULT true,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_sync_at    timestamptz NOT NULL DEFAULT now(),
    -- Held by the instance running a sync; an expired lease (a crashed instance) frees the source again.
    sync_lease_until timestamptz
);

CREATE TABLE source_items (
    source_id     bigint      NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    -- The item's URL or relative path.
    item_key      text        NOT NULL,
    document_id   uuid        REFERENCES documents (id) ON DELETE SET NULL,
    sha256        text        NOT NULL,
    -- false when the same bytes were already a document of the collection: removing the item leaves that document.
    owns_document boolean     NOT NULL,
    synced_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, item_key)
);

CREATE INDEX source_items_by_document ON source_items (document_id);

CREATE TABLE source_syncs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id   bigint      NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status      text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    added       integer     NOT NULL DEFAULT 0,
    changed     integer     NOT NULL DEFAULT 0,
    unchanged   integer     NOT NULL DEFAULT 0,
    removed     integer     NOT NULL DEFAULT 0,
    failed      integer     NOT NULL DEFAULT 0,
    error       text,
    -- The items of each outcome, with reasons for failures (capped, see SyncReport).
    report      jsonb
);

CREATE INDEX source_syncs_latest ON source_syncs (source_id, id DESC);
