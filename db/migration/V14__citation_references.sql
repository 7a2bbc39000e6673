-- Citations are references (number, document, chunk): the passage text is looked up when a conversation is read, with
-- the reader's access at that moment (CitationReferences). Strip the text earlier answers stored, so access granted
-- once, or a deleted document, no longer shows through old conversations.
UPDATE messages
SET citations = (
    SELECT coalesce(jsonb_agg(jsonb_build_object('n', c -> 'n', 'documentId', c -> 'documentId', 'chunkId', c -> 'chunkId')
                              ORDER BY ord), '[]'::jsonb)
    FROM jsonb_array_elements(citations) WITH ORDINALITY AS t(c, ord))
WHERE citations <> '[]'::jsonb;
