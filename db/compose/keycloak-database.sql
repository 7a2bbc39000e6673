-- Keycloak's own database beside Docent's, created on the first start of the compose PostgreSQL.
CREATE DATABASE keycloak OWNER docent;
