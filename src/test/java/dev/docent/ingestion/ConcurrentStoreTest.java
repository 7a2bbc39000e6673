package dev.docent.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two ingestion workers store documents of one collection at once, each in several statements (the driver splits a
 * batch into multi-row inserts), the second statement of each needing a word the other's first statement counted in
 * the keyword statistics (each chunk holds just its word). Before V88 PostgreSQL found a deadlock and aborted one of
 * them, and its document failed, to be parsed and embedded again 15 s later. Now both commit and the statistics count
 * both.
 */
@QuarkusTest
class ConcurrentStoreTest {

    @Test
    void twoDocumentsOfOneCollectionStoredAtOnceBothCommit() throws Exception {
        String tag = Tags.random();
        String first = "alpha" + tag;
        String second = "omega" + tag;
        try (Connection setup = TestDatabase.connect();
                Connection a = TestDatabase.connect();
                Connection b = TestDatabase.connect()) {
            // A collection of its own: nothing else (the user guide's ingestion at start-up) writes its statistics.
            long collection = TestDatabase.count(
                    setup,
                    "INSERT INTO collections (name, created_by) VALUES (?, 'admin') RETURNING id",
                    "store-" + tag);
            int dimension = (int) TestDatabase.count(
                    setup,
                    "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'chunks'::regclass AND attname = 'embedding'");
            UUID documentA = document(setup, collection, tag + "-a");
            UUID documentB = document(setup, collection, tag + "-b");
            long workerB = TestDatabase.count(b, "SELECT pg_backend_pid()");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            chunk(a, documentA, collection, first, dimension);
            CompletableFuture<Void> storeB = CompletableFuture.runAsync(() -> {
                try {
                    chunk(b, documentB, collection, second, dimension);
                    chunk(b, documentB, collection, first, dimension);
                    b.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getSQLState() + ": " + e.getMessage(), e);
                }
            });
            // B waits for A: on the collection's lock now (before V88: on A's rows, holding the second word).
            Poll.until(
                    () -> waitsOnALock(setup, workerB) ? Optional.of(true) : Optional.empty(),
                    Duration.ofSeconds(30),
                    () -> "the second worker never reached the first worker's lock");
            chunk(a, documentA, collection, second, dimension);
            a.commit();
            storeB.get(60, TimeUnit.SECONDS);
            assertEquals(
                    4,
                    TestDatabase.count(
                            setup, "SELECT count(*) FROM chunks WHERE document_id IN (?, ?)", documentA, documentB),
                    "both documents' chunks are stored");
            assertEquals(
                    2,
                    TestDatabase.count(
                            setup,
                            "SELECT coalesce(sum(chunks), 0) FROM keyword_lexemes WHERE collection_id = ? AND lexeme LIKE ?",
                            collection,
                            "omega" + tag.substring(0, 4) + "%"),
                    "the keyword statistics count the word in both documents");
            TestDatabase.update(setup, "DELETE FROM documents WHERE id IN (?, ?)", documentA, documentB);
            TestDatabase.update(setup, "DELETE FROM collections WHERE id = ?", collection);
        }
    }

    private static UUID document(Connection db, long collection, String name) throws SQLException {
        UUID id = UUID.randomUUID();
        TestDatabase.update(db, """
                INSERT INTO documents (id, collection_id, file_name, size_bytes, sha256, status, uploaded_by)
                VALUES (?, ?, ?, 1, ?, 'processing', 'admin')
                """, id, collection, name + ".md", name);
        return id;
    }

    private static void chunk(Connection db, UUID document, long collection, String word, int dimension)
            throws SQLException {
        TestDatabase.update(db, """
                INSERT INTO chunks (document_id, collection_id, ordinal, context, content, token_count, embedding)
                VALUES (?, ?, (SELECT count(*) FROM chunks WHERE document_id = ?), '', ?, 3,
                        array_fill(0.1::real, ARRAY[?::int])::vector)
                """, document, collection, document, word, dimension);
    }

    private static boolean waitsOnALock(Connection db, long pid) {
        try {
            return TestDatabase.count(
                            db,
                            "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'",
                            (int) pid)
                    == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
