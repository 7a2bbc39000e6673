-- Originals may be stored encrypted (DOCENT_FILES_KEY): the id of the key each file is stored under, NULL when in clear.
ALTER TABLE document_files ADD COLUMN key_id text;
