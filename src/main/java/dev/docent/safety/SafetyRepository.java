package dev.docent.safety;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Owns {@code safety_events} (what the question and answer guards did) and {@code chunk_flags} (the chunk scan). */
@ApplicationScoped
public class SafetyRepository {

    static final int EXCERPT = 500;

    private final Jdbc jdbc;

    SafetyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** What a guard did, for the Safety page. */
    public record Event(
            long id,
            String guard,
            String action,
            String cause,
            String detail,
            String username,
            UUID messageId,
            String excerpt,
            Instant createdAt) {}

    /** A flagged chunk as the Safety page lists it. */
    public record FlaggedChunk(
            UUID documentId,
            String fileName,
            int ordinal,
            String cause,
            String detail,
            String excerpt,
            Instant createdAt,
            Instant releasedAt,
            String releasedBy) {}

    /** A flag as the answering path needs it: why, and the planted instruction. */
    public record Flag(String cause, String detail) {}

    /** One day's counts. */
    public record Day(
            String day, long blockedQuestions, long flaggedQuestions, long answersCleaned, long chunksFlagged) {}

    void recordEvent(
            String guard,
            String action,
            SafetyCause cause,
            String detail,
            String username,
            UUID messageId,
            String excerpt) {
        jdbc.update("""
                INSERT INTO safety_events (guard, action, cause, detail, username, message_id, excerpt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, guard, action, cause.code(), detail, username, messageId, cut(excerpt));
    }

    /** Replaces a document's flags; call it in the transaction that writes its chunks. */
    public void replaceFlags(UUID documentId, Map<Integer, Finding> flagged, Map<Integer, String> excerpts) {
        jdbc.update("DELETE FROM chunk_flags WHERE document_id = ?", documentId);
        if (flagged.isEmpty()) {
            return;
        }
        jdbc.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO chunk_flags (document_id, ordinal, cause, detail, excerpt) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<Integer, Finding> e : flagged.entrySet()) {
                    insert.setObject(1, documentId);
                    insert.setInt(2, e.getKey());
                    insert.setString(3, e.getValue().cause().code());
                    insert.setString(4, e.getValue().detail());
                    insert.setString(5, cut(excerpts.getOrDefault(e.getKey(), "")));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * The flags (not released) of those of {@code chunkIds} that have one. Reads {@code chunks} to map a chunk id to
     * its place in its document, the key the flags are stored under.
     */
    Map<Long, Flag> flagsOf(List<Long> chunkIds) {
        if (chunkIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Flag> flags = new HashMap<>();
        jdbc.list(
                        """
                        SELECT c.id, f.cause, f.detail
                        FROM chunks c
                        JOIN chunk_flags f ON f.document_id = c.document_id AND f.ordinal = c.ordinal
                        WHERE c.id = ANY (?::text[]::bigint[]) AND f.released_at IS NULL
                        """,
                        row -> Map.entry(row.getLong(1), new Flag(row.getString(2), row.getString(3))),
                        chunkIds.stream().map(String::valueOf).toList())
                .forEach(e -> flags.put(e.getKey(), e.getValue()));
        return flags;
    }

    /** The newest events, newest first. */
    public List<Event> events(int limit) {
        return jdbc.list(
                """
                SELECT id, guard, action, cause, detail, username, message_id, excerpt, created_at
                FROM safety_events ORDER BY id DESC LIMIT ?
                """,
                row -> new Event(
                        row.getLong("id"),
                        row.getString("guard"),
                        row.getString("action"),
                        row.getString("cause"),
                        row.getString("detail"),
                        row.getString("username"),
                        row.getObject("message_id", UUID.class),
                        row.getString("excerpt"),
                        Jdbc.instant(row, "created_at")),
                limit);
    }

    /**
     * The flagged chunks, newest first. Reads the file name from {@code documents}: a read-only report join, as the
     * gap overview does.
     */
    public List<FlaggedChunk> flaggedChunks(int limit) {
        return jdbc.list("""
                SELECT f.document_id, d.file_name, f.ordinal, f.cause, f.detail, f.excerpt, f.created_at,
                       f.released_at, f.released_by
                FROM chunk_flags f JOIN documents d ON d.id = f.document_id
                ORDER BY f.created_at DESC, f.document_id, f.ordinal LIMIT ?
                """, SafetyRepository::flaggedChunk, limit);
    }

    private static FlaggedChunk flaggedChunk(java.sql.ResultSet row) throws java.sql.SQLException {
        return new FlaggedChunk(
                row.getObject("document_id", UUID.class),
                row.getString("file_name"),
                row.getInt("ordinal"),
                row.getString("cause"),
                row.getString("detail"),
                row.getString("excerpt"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "released_at"),
                row.getString("released_by"));
    }

    /**
     * What the guards recorded about these answers, or under {@code username}, oldest first (the personal-data export
     * of whoever asked them).
     */
    public List<Event> eventsOf(String username, List<UUID> messageIds) {
        return jdbc.list(
                """
                SELECT id, guard, action, cause, detail, username, message_id, excerpt, created_at
                FROM safety_events WHERE username = ? OR message_id = ANY (?::uuid[]) ORDER BY id
                """,
                row -> new Event(
                        row.getLong("id"),
                        row.getString("guard"),
                        row.getString("action"),
                        row.getString("cause"),
                        row.getString("detail"),
                        row.getString("username"),
                        row.getObject("message_id", UUID.class),
                        row.getString("excerpt"),
                        Jdbc.instant(row, "created_at")),
                username,
                messageIds.stream().map(UUID::toString).toList());
    }

    /**
     * Forgets every event naming {@code username} (an erasure), those whose message is already gone included; the
     * name is also replaced where it records who released a chunk. Returns how many rows named them.
     */
    public int forgetUser(String username, String replacement) {
        return jdbc.update("DELETE FROM safety_events WHERE username = ?", username)
                + jdbc.update("UPDATE chunk_flags SET released_by = ? WHERE released_by = ?", replacement, username);
    }

    /** Forgets what the guards recorded about these answers (their conversation is being deleted). */
    void deleteEvents(List<UUID> messageIds) {
        if (!messageIds.isEmpty()) {
            jdbc.update(
                    "DELETE FROM safety_events WHERE message_id = ANY (?::text[]::uuid[])",
                    messageIds.stream().map(UUID::toString).toList());
        }
    }

    /** Releases a flagged chunk; false when there is no such flag (or it was released already). */
    boolean release(UUID documentId, int ordinal, String by) {
        return jdbc.update("""
                        UPDATE chunk_flags SET released_at = now(), released_by = ?
                        WHERE document_id = ? AND ordinal = ? AND released_at IS NULL
                        """, by, documentId, ordinal) == 1;
    }

    Optional<FlaggedChunk> flag(UUID documentId, int ordinal) {
        return jdbc.one("""
                SELECT f.document_id, d.file_name, f.ordinal, f.cause, f.detail, f.excerpt, f.created_at,
                       f.released_at, f.released_by
                FROM chunk_flags f JOIN documents d ON d.id = f.document_id
                WHERE f.document_id = ? AND f.ordinal = ?
                """, SafetyRepository::flaggedChunk, documentId, ordinal);
    }

    /** Counts per day over the last {@code days} days, oldest first (days without any event included). */
    public List<Day> days(int days) {
        return jdbc.list(
                """
                SELECT to_char(d, 'YYYY-MM-DD') AS day,
                       (SELECT count(*) FROM safety_events e WHERE e.guard = 'question' AND e.action = 'blocked'
                           AND e.created_at >= d AND e.created_at < d + interval '1 day') AS blocked,
                       (SELECT count(*) FROM safety_events e WHERE e.guard = 'question' AND e.action = 'flagged'
                           AND e.created_at >= d AND e.created_at < d + interval '1 day') AS flagged,
                       (SELECT count(*) FROM safety_events e WHERE e.guard = 'answer'
                           AND e.created_at >= d AND e.created_at < d + interval '1 day') AS answers,
                       (SELECT count(*) FROM chunk_flags f
                           WHERE f.created_at >= d AND f.created_at < d + interval '1 day') AS chunks
                FROM generate_series(date_trunc('day', now()) - make_interval(days => ? - 1),
                                     date_trunc('day', now()), interval '1 day') AS d
                ORDER BY d
                """,
                row -> new Day(
                        row.getString("day"),
                        row.getLong("blocked"),
                        row.getLong("flagged"),
                        row.getLong("answers"),
                        row.getLong("chunks")),
                days);
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
