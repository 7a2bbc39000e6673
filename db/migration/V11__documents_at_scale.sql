-- The documents list at 100,000 rows: GET /api/documents pages, sorts and filters in SQL, so each sort
-- order and filter the page offers has an index to walk instead of sorting the whole table.

-- Trigram search for "title or file name contains ..." (ILIKE '%text%' cannot use a b-tree). pg_trgm is a
-- trusted extension: the database owner may create it without a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX documents_name_trgm ON documents
    USING gin ((coalesce(title, '') || ' ' || file_name) gin_trgm_ops);

-- One index per sort order (a b-tree also serves its reverse order); id last makes every order total,
-- so paging never shows a row twice or skips one.
CREATE INDEX documents_by_uploaded ON documents (uploaded_at, id);
CREATE INDEX documents_by_title ON documents ((lower(coalesce(title, file_name))), id);
CREATE INDEX documents_by_size ON documents (size_bytes, id);
CREATE INDEX documents_by_chunks ON documents (chunk_count DESC NULLS LAST, id DESC);
CREATE INDEX documents_by_status ON documents (status, uploaded_at DESC, id DESC);
-- The default order within one collection (the filter admins use most).
CREATE INDEX documents_by_collection_uploaded ON documents (collection_id, uploaded_at, id);

-- The queue made visible: an admin's re-index jumps ahead of bulk uploads (higher priority first), and a
-- paused queue is a row in settings that the workers read before claiming.
ALTER TABLE ingestion_jobs ADD COLUMN priority integer NOT NULL DEFAULT 0;
DROP INDEX ingestion_jobs_ready;
CREATE INDEX ingestion_jobs_ready ON ingestion_jobs (priority DESC, run_after, id);
