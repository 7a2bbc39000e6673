package dev.docent.ingestion;

import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Documents, their original files and their status in PostgreSQL. */
@ApplicationScoped
public class DocumentRepository {

    private static final String SELECT = """
            SELECT d.id, d.title, d.file_name, c.name AS collection, d.media_type, d.size_bytes, d.sha256,
                   d.status, d.stage, d.progress, d.error, d.pages, d.chunk_count, d.embedding_model,
                   d.uploaded_by, d.uploaded_at, d.updated_at, d.ready_at, %s AS report
            FROM documents d JOIN collections c ON c.id = d.collection_id
            """;

    @Inject
    Jdbc jdbc;

    /** Listings read the replica once it has replayed this instance's last change to any document (status included). */
    static final String DOCUMENTS = "documents";

    @Inject
    ReadReplica replica;

    @Inject
    FileCipher cipher;

    /** Records a change to the documents once it is made (the replica is read for listings after it replays it). */
    private <T> T changed(T result) {
        return replica.wrote(DOCUMENTS, result);
    }

    /** Inserts a new document with its file and its job, unless the same bytes are in that collection already. */
    public Optional<UUID> insertNew(
            UUID id, long collectionId, String fileName, Path file, long size, String sha256, String by) {
        Optional<UUID> inserted = changed(
                jdbc.one("""
                INSERT INTO documents (id, collection_id, file_name, size_bytes, sha256, status, uploaded_by)
                VALUES (?, ?, ?, ?, ?, 'queued', ?)
                ON CONFLICT (collection_id, sha256) DO NOTHING
                RETURNING id
                """, row -> row.getObject(1, UUID.class), id, collectionId, fileName, size, sha256, by));
        inserted.ifPresent(doc -> storeFile(doc, file, size));
        return inserted;
    }

    public Optional<UUID> idBySha(long collectionId, String sha256) {
        return jdbc.one(
                "SELECT id FROM documents WHERE collection_id = ? AND sha256 = ?",
                row -> row.getObject(1, UUID.class),
                collectionId,
                sha256);
    }

    private void storeFile(UUID id, Path file, long size) {
        Path stored = cipher.currentKey().isPresent() ? encrypted(id, file) : file;
        try {
            jdbc.withConnection(c -> {
                try (PreparedStatement insert = c.prepareStatement(
                                "INSERT INTO document_files (document_id, content, key_id) VALUES (?, ?, ?)");
                        InputStream in = Files.newInputStream(stored)) {
                    insert.setObject(1, id);
                    insert.setBinaryStream(2, in, Files.size(stored));
                    insert.setString(3, cipher.currentKey().orElse(null));
                    return insert.executeUpdate();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            if (!stored.equals(file)) {
                deleteQuietly(stored);
            }
        }
    }

    /** {@code file} encrypted for document {@code id} under the current key, in a temporary file beside it. */
    private Path encrypted(UUID id, Path file) {
        Path target = file.resolveSibling(file.getFileName() + ".enc");
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = cipher.encrypting(Files.newOutputStream(target), id)) {
            in.transferTo(out);
            return target;
        } catch (IOException e) {
            deleteQuietly(target);
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temporary file; the ingestion temp folder is emptied at start-up
        }
    }

    /** Documents whose original is not stored under the current key (in clear, or under an earlier key). */
    public List<UUID> filesNotUnderCurrentKey(int limit) {
        return jdbc.list(
                "SELECT document_id FROM document_files WHERE key_id IS DISTINCT FROM ? LIMIT ?",
                row -> row.getObject(1, UUID.class),
                cipher.currentKey().orElse(null),
                limit);
    }

    /**
     * Stores a document's original again under the current key (or in clear when none is set), through {@code
     * scratch}; false when the document is gone meanwhile.
     */
    @Transactional
    public boolean reencryptFile(UUID id, Path scratch) {
        if (!copyFile(id, scratch)) {
            return false;
        }
        Path stored = cipher.currentKey().isPresent() ? encrypted(id, scratch) : scratch;
        try {
            return jdbc.withConnection(c -> {
                try (PreparedStatement update = c.prepareStatement(
                                "UPDATE document_files SET content = ?, key_id = ? WHERE document_id = ?");
                        InputStream in = Files.newInputStream(stored)) {
                    update.setBinaryStream(1, in, Files.size(stored));
                    update.setString(2, cipher.currentKey().orElse(null));
                    update.setObject(3, id);
                    return update.executeUpdate() == 1;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            deleteQuietly(stored);
            deleteQuietly(scratch);
        }
    }

    /** Copies a document's original file to {@code target}; false when the document is gone. */
    public boolean copyFile(UUID id, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            return writeFile(id, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams a document's original file; false when the document is gone. */
    public boolean writeFile(UUID id, OutputStream out) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT content, key_id FROM document_files WHERE document_id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    try (InputStream in = cipher.decrypting(row.getBinaryStream(1), row.getString(2), id)) {
                        in.transferTo(out);
                    }
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The ids of the documents with each of these file names (several collections may hold the same name). */
    public java.util.Map<String, List<UUID>> idsByFileName(java.util.Collection<String> names) {
        java.util.Map<String, List<UUID>> out = new java.util.HashMap<>();
        jdbc.list(
                        "SELECT file_name, id FROM documents WHERE file_name = ANY (?)",
                        row -> java.util.Map.entry(row.getString("file_name"), row.getObject("id", UUID.class)),
                        names)
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                        .add(e.getValue()));
        return out;
    }

    public Optional<DocumentView> find(UUID id) {
        return jdbc.one(SELECT.formatted("d.parse_report::text") + " WHERE d.id = ?", DocumentRepository::map, id);
    }

    /** One page of documents matching the filter, in its sort order. */
    public List<DocumentView> page(
            DocumentFilter filter, DocumentSort sort, boolean descending, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return replica.fresh(
                DOCUMENTS,
                () -> jdbc.list(
                        SELECT.formatted("NULL") + where + " ORDER BY " + sort.orderBy(descending)
                                + " LIMIT ? OFFSET ?",
                        DocumentRepository::map,
                        params.toArray()));
    }

    /** How many documents match the filter (the list's total: never a silent cap). */
    public long count(DocumentFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return replica.fresh(
                DOCUMENTS,
                () -> jdbc.one("SELECT count(*) FROM documents d" + where, row -> row.getLong(1), params.toArray())
                        .orElse(0L));
    }

    /**
     * Documents and chunks per collection, and documents per status, for every collection (empty ones included). One
     * pass over the documents table: about 20 ms at 100,000 documents (README, documents benchmark).
     */
    public List<CollectionCounts> countsByCollection() {
        return replica.fresh(
                DOCUMENTS,
                () -> jdbc.list(
                        """
                SELECT c.name,
                       count(d.id) AS documents,
                       coalesce(sum(d.chunk_count), 0) AS chunks,
                       count(d.id) FILTER (WHERE d.status = 'queued') AS queued,
                       count(d.id) FILTER (WHERE d.status = 'processing') AS processing,
                       count(d.id) FILTER (WHERE d.status = 'ready') AS ready,
                       count(d.id) FILTER (WHERE d.status = 'failed') AS failed
                FROM collections c LEFT JOIN documents d ON d.collection_id = c.id
                GROUP BY c.name ORDER BY c.name
                """,
                        row -> new CollectionCounts(
                                row.getString("name"),
                                row.getLong("documents"),
                                row.getLong("chunks"),
                                row.getLong("queued"),
                                row.getLong("processing"),
                                row.getLong("ready"),
                                row.getLong("failed"))));
    }

    /**
     * The WHERE clause for a filter, each condition written so that an index serves it: the collection by its id,
     * the text through the trigram index on title and file name (V11).
     */
    private static String where(DocumentFilter filter, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.collection() != null) {
            conditions.add("d.collection_id = (SELECT id FROM collections WHERE name = ?)");
            params.add(filter.collection());
        }
        if (filter.status() != null) {
            conditions.add("d.status = ?");
            params.add(filter.status());
        }
        if (filter.text() != null) {
            conditions.add("(coalesce(d.title, '') || ' ' || d.file_name) ILIKE ?");
            params.add("%"
                    + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public boolean delete(UUID id) {
        return changed(jdbc.update("DELETE FROM documents WHERE id = ?", id)) > 0;
    }

    /** Deletes every document of a collection (chunks, files and jobs go with them); returns how many. */
    public int deleteAllIn(long collectionId) {
        return changed(jdbc.update("DELETE FROM documents WHERE collection_id = ?", collectionId));
    }

    /** Moves a document into a stage of processing. */
    public void progress(UUID id, String status, String stage, double progress) {
        changed(jdbc.update(
                "UPDATE documents SET status = ?, stage = ?, progress = ?, updated_at = now() WHERE id = ?",
                status,
                stage,
                progress,
                id));
    }

    public void fail(UUID id, String error) {
        changed(jdbc.update("""
                UPDATE documents SET status = 'failed', stage = NULL, progress = 0, error = ?, updated_at = now()
                WHERE id = ?
                """, error, id));
    }

    /** Puts a document back in the queue's state (re-index, retry); its chunks stay searchable meanwhile. */
    public void requeue(UUID id, String note) {
        changed(jdbc.update(
                "UPDATE documents SET status = 'queued', stage = NULL, progress = 0, error = ?, updated_at = now()"
                        + " WHERE id = ?",
                note,
                id));
    }

    /** Back to ready with the chunks it has (a cancelled re-index). */
    public void restoreReady(UUID id) {
        changed(jdbc.update(
                "UPDATE documents SET status = 'ready', stage = NULL, progress = 1, error = NULL, updated_at = now()"
                        + " WHERE id = ?",
                id));
    }

    /** Ids of ready documents embedded with another model than {@code model}. */
    public List<UUID> embeddedWithOtherModel(String model) {
        return jdbc.list(
                "SELECT id FROM documents WHERE status = 'ready' AND embedding_model IS DISTINCT FROM ?",
                row -> row.getObject(1, UUID.class),
                model);
    }

    /** Locks a document's row for the transaction that stores its result; empty when it was deleted meanwhile. */
    public Optional<Long> lockCollectionId(UUID id) {
        return jdbc.one("SELECT collection_id FROM documents WHERE id = ? FOR UPDATE", row -> row.getLong(1), id);
    }

    /** Marks a document ready with what ingestion learned about it. */
    public void markReady(
            UUID id, String title, String mediaType, int pages, int chunks, String reportJson, String model) {
        changed(jdbc.update("""
                UPDATE documents
                   SET status = 'ready', stage = NULL, progress = 1, error = NULL, title = ?, media_type = ?,
                       pages = ?, chunk_count = ?, parse_report = ?::jsonb, embedding_model = ?,
                       ready_at = now(), updated_at = now()
                 WHERE id = ?
                """, title, mediaType, pages, chunks, reportJson, model, id));
    }

    /** Deletes the other versions of a file in a collection (a new upload under the same name replaces them). */
    public int deleteOtherVersions(UUID id) {
        return changed(jdbc.update("""
                DELETE FROM documents o USING documents n
                 WHERE n.id = ? AND o.collection_id = n.collection_id AND o.file_name = n.file_name AND o.id <> n.id
                """, id));
    }

    public long count() {
        return jdbc.one("SELECT count(*) FROM documents", row -> row.getLong(1)).orElse(0L);
    }

    private static DocumentView map(ResultSet row) throws SQLException {
        return new DocumentView(
                row.getObject("id", UUID.class),
                row.getString("title"),
                row.getString("file_name"),
                row.getString("collection"),
                row.getString("media_type"),
                row.getLong("size_bytes"),
                row.getString("sha256"),
                row.getString("status"),
                row.getString("stage"),
                row.getDouble("progress"),
                row.getString("error"),
                (Integer) row.getObject("pages"),
                (Integer) row.getObject("chunk_count"),
                row.getString("embedding_model"),
                row.getString("uploaded_by"),
                Jdbc.instant(row, "uploaded_at"),
                Jdbc.instant(row, "updated_at"),
                Jdbc.instant(row, "ready_at"),
                row.getString("report"),
                null);
    }

    /** Whether any of these documents was uploaded after {@code when} (upload time, not the last re-indexing). */
    public boolean anyUploadedAfter(List<UUID> ids, Instant when) {
        return !ids.isEmpty()
                && jdbc.one(
                                "SELECT 1 FROM documents WHERE id = ANY(?::uuid[]) AND uploaded_at > ? LIMIT 1",
                                row -> 1,
                                ids.stream().map(UUID::toString).toList(),
                                when)
                        .isPresent();
    }
}
