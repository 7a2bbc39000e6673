-- Two ingestion workers storing documents of the same collection at once deadlocked now and then on keyword_lexemes
-- (measured: 4 documents in 1,800 in make bench-peer, each failed, re-parsed and re-embedded 15 s later). V9's trigger
-- locks a statement's lexemes in lexeme order, but a document's chunks arrive in several statements (the driver splits
-- a batch into multi-row inserts), so two transactions could each hold lexemes the other's next statement needs. Now
-- the first statement of a transaction that changes a collection's chunks takes that collection's advisory lock,
-- held until the transaction ends: one writer of a collection's keyword statistics at a time. Only the store step of
-- ingestion waits (parsing and embedding still overlap); documents of different collections do not wait at all.
CREATE OR REPLACE FUNCTION keyword_statistics_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('docent.keyword_statistics', c.collection_id))
    FROM (SELECT DISTINCT collection_id FROM changed ORDER BY collection_id) c;
    -- Rows in lexeme order, so concurrent ingestions lock shared lexemes in the same order (no deadlock).
    INSERT INTO keyword_lexemes AS s (collection_id, lexeme, chunks)
    SELECT c.collection_id, l.lexeme, delta * count(*)
    FROM changed c, unnest(tsvector_to_array(c.tsv)) l(lexeme)
    GROUP BY l.lexeme, c.collection_id
    ORDER BY l.lexeme, c.collection_id
    ON CONFLICT (lexeme, collection_id) DO UPDATE SET chunks = s.chunks + excluded.chunks;
    INSERT INTO keyword_collections AS s (collection_id, chunks, lexemes)
    SELECT collection_id, delta * count(*), delta * sum(length(tsv))
    FROM changed
    GROUP BY collection_id
    ORDER BY collection_id
    ON CONFLICT (collection_id) DO UPDATE SET chunks = s.chunks + excluded.chunks, lexemes = s.lexemes + excluded.lexemes;
    IF delta < 0 THEN
        DELETE FROM keyword_lexemes s
        USING (SELECT DISTINCT c.collection_id, l.lexeme FROM changed c, unnest(tsvector_to_array(c.tsv)) l(lexeme)) d
        WHERE s.lexeme = d.lexeme AND s.collection_id = d.collection_id AND s.chunks <= 0;
    END IF;
    RETURN NULL;
END
$$;
