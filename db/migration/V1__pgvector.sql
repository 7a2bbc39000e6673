-- Docent stores embeddings with pgvector. The extension needs a superuser to create, so the provisioning
-- script (db/postgres.sh) creates it before Flyway runs; on a server where Docent's role is a superuser
-- (the docker-compose setup) this statement creates it. Either way the schema history records that the
-- database was checked for it.
CREATE EXTENSION IF NOT EXISTS vector;
