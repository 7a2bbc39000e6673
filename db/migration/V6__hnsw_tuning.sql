-- Retrieval tuning from `make bench` (retrieval-scale section of target/bench/report.md): on corpora of 100k and
-- 1M chunks, m = 16 / ef_construction = 64 found 0.90 of the exact top 10 at ef_search 100 (0.93 at 200), while
-- m = 32 / ef_construction = 128 found 0.96 at 100 and 0.99 at 200 for a few milliseconds more per query and about
-- 5x the build time. Docent's default hnsw.ef_search is 200 accordingly (docent.retrieval.ef-search).
-- Rebuilding takes time on a large knowledge base (about 90 s per 100k chunks on 2 cores); searches keep working
-- (exactly, by sequential scan) until it is done.
DROP INDEX IF EXISTS chunks_embedding_hnsw;
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 32, ef_construction = 128);
