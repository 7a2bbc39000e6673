-- Statistics for BM25 keyword ranking: per collection, how many chunks contain each lexeme (document frequency),
-- and how many chunks and lexemes there are (average chunk length). Kept per collection so that a search only uses
-- figures from the collections its caller may read: counts from a restricted collection would otherwise shift the
-- scores others see. Triggers keep them current, whoever writes chunks (ingestion, deletion, re-indexing).
CREATE TABLE keyword_lexemes (
    collection_id bigint  NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    lexeme        text    NOT NULL,
    chunks        integer NOT NULL,
    PRIMARY KEY (lexeme, collection_id)
);

CREATE TABLE keyword_collections (
    collection_id bigint PRIMARY KEY REFERENCES collections (id) ON DELETE CASCADE,
    chunks        bigint NOT NULL,
    -- Sum of length(tsv), the distinct lexemes of each chunk: BM25's document length.
    lexemes       bigint NOT NULL
);

CREATE FUNCTION keyword_statistics_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
BEGIN
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

CREATE TRIGGER chunks_keyword_statistics_insert AFTER INSERT ON chunks
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keyword_statistics_update();
CREATE TRIGGER chunks_keyword_statistics_delete AFTER DELETE ON chunks
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keyword_statistics_update();

INSERT INTO keyword_lexemes (collection_id, lexeme, chunks)
SELECT c.collection_id, l.lexeme, count(*)
FROM chunks c, unnest(tsvector_to_array(c.tsv)) l(lexeme)
GROUP BY c.collection_id, l.lexeme;

INSERT INTO keyword_collections (collection_id, chunks, lexemes)
SELECT collection_id, count(*), sum(length(tsv))
FROM chunks
GROUP BY collection_id;
