package dev.docent.curated;

import com.pgvector.PGvector;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Owns curated_answers, curated_questions and curated_answer_versions. */
@ApplicationScoped
public class CuratedRepository {

    /** A stored curated answer (documents as ids: their titles are read with the reader's access). */
    record Row(
            long id,
            String answer,
            List<UUID> documents,
            List<String> questions,
            Long gapId,
            String status,
            int version,
            String createdBy,
            Instant createdAt,
            String updatedBy,
            Instant updatedAt) {}

    /** An active curated answer close enough to a query, with the similarity of its nearest question. */
    record Candidate(long id, String answer, List<UUID> documents, double similarity) {}

    private static final String SELECT = """
            SELECT a.id, a.answer, a.documents, a.gap_id, a.status, a.version, a.created_by, a.created_at,
                   a.updated_by, a.updated_at,
                   coalesce((SELECT array_agg(q.question ORDER BY q.id) FROM curated_questions q
                             WHERE q.curated_id = a.id), '{}') AS questions
            FROM curated_answers a
            """;

    /**
     * Active answers whose nearest question is close enough, best first. An exact scan: the table holds what a
     * knowledge team writes by hand (hundreds of rows), far below where an index pays.
     */
    private static final String CANDIDATES = """
            SELECT a.id, a.answer, a.documents, max(1 - (q.embedding <=> ?)) AS similarity
            FROM curated_questions q
            JOIN curated_answers a ON a.id = q.curated_id
            WHERE a.status = 'active' AND q.embedding_model = ? AND 1 - (q.embedding <=> ?) >= ?
            GROUP BY a.id
            ORDER BY similarity DESC, a.id
            LIMIT ?
            """;

    @Inject
    Jdbc jdbc;

    long insert(String answer, List<UUID> documents, Long gapId, String user) {
        return jdbc.one("""
                        INSERT INTO curated_answers (answer, documents, gap_id, created_by, updated_by)
                        VALUES (?, ?::uuid[], ?, ?, ?) RETURNING id
                        """, row -> row.getLong(1), answer, strings(documents), gapId, user, user)
                .orElseThrow();
    }

    /** Replaces the answer's questions with these, embedded by {@code model}. */
    void replaceQuestions(long id, List<String> questions, List<float[]> vectors, String model) {
        jdbc.update("DELETE FROM curated_questions WHERE curated_id = ?", id);
        for (int i = 0; i < questions.size(); i++) {
            jdbc.update(
                    "INSERT INTO curated_questions (curated_id, question, embedding, embedding_model) VALUES (?, ?, ?, ?)",
                    id,
                    questions.get(i),
                    new PGvector(vectors.get(i)),
                    model);
        }
    }

    /**
     * Removes the curated questions whose text is one of {@code texts} and that nobody still asks word for word in a
     * recorded conversation, from the answers and from their history; returns how many answers had one. Call it after
     * the erased conversations are gone: a question someone else asked too is not the erased person's alone, and
     * stays. The answers stay (a knowledge manager's text), with their other questions.
     */
    int forgetQuestions(List<String> texts) {
        if (texts.isEmpty()) {
            return 0;
        }
        record Removed(long answer, String question) {}
        List<Removed> removed = jdbc.list("""
                DELETE FROM curated_questions q
                WHERE q.question = ANY (?::text[])
                  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.question = q.question)
                RETURNING q.curated_id, q.question
                """, row -> new Removed(row.getLong(1), row.getString(2)), texts);
        if (removed.isEmpty()) {
            return 0;
        }
        List<String> gone = removed.stream().map(Removed::question).distinct().toList();
        jdbc.update("""
                UPDATE curated_answer_versions
                SET questions = ARRAY(SELECT q FROM unnest(questions) q WHERE q <> ALL (?::text[]))
                WHERE questions && ?::text[]
                """, gone, gone);
        return (int) removed.stream().map(Removed::answer).distinct().count();
    }

    /** Locks the row for a change; false when there is no such answer. */
    boolean lock(long id) {
        return jdbc.one("SELECT 1 FROM curated_answers WHERE id = ? FOR UPDATE", row -> 1, id)
                .isPresent();
    }

    /** The next version: text, documents and status as given. */
    void update(long id, String answer, List<UUID> documents, String status, String user) {
        jdbc.update("""
                UPDATE curated_answers
                SET answer = ?, documents = ?::uuid[], status = ?, version = version + 1, updated_by = ?,
                    updated_at = now()
                WHERE id = ?
                """, answer, strings(documents), status, user, id);
    }

    /** Keeps the current version in the history (called after every write, the first included). */
    void snapshot(long id) {
        jdbc.update("""
                INSERT INTO curated_answer_versions (curated_id, version, answer, documents, questions, status,
                                                     changed_by, changed_at)
                SELECT a.id, a.version, a.answer, a.documents,
                       coalesce((SELECT array_agg(q.question ORDER BY q.id) FROM curated_questions q
                                 WHERE q.curated_id = a.id), '{}'),
                       a.status, a.updated_by, a.updated_at
                FROM curated_answers a WHERE a.id = ?
                """, id);
    }

    Optional<Row> find(long id) {
        return jdbc.one(SELECT + " WHERE a.id = ?", CuratedRepository::row, id);
    }

    /** Newest first; {@code status} and {@code gapId} narrow it when not null. */
    List<Row> list(String status, Long gapId) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (status != null) {
            where.append(" AND a.status = ?");
            params.add(status);
        }
        if (gapId != null) {
            where.append(" AND a.gap_id = ?");
            params.add(gapId);
        }
        return jdbc.list(
                SELECT + where + " ORDER BY a.updated_at DESC, a.id DESC", CuratedRepository::row, params.toArray());
    }

    List<Candidate> candidates(float[] vector, String model, double minSimilarity, int limit) {
        PGvector v = new PGvector(vector);
        return jdbc.list(
                CANDIDATES,
                row -> new Candidate(
                        row.getLong("id"),
                        row.getString("answer"),
                        uuids(row.getArray("documents")),
                        row.getDouble("similarity")),
                v,
                model,
                v,
                minSimilarity,
                limit);
    }

    /** Questions embedded by a model other than {@code model} (the configured one changed), by answer. */
    List<Long> embeddedWithOtherModel(String model) {
        return jdbc.list(
                "SELECT DISTINCT curated_id FROM curated_questions WHERE embedding_model <> ?",
                row -> row.getLong(1),
                model);
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(
                row.getLong("id"),
                row.getString("answer"),
                uuids(row.getArray("documents")),
                Jdbc.strings(row, "questions"),
                (Long) row.getObject("gap_id"),
                row.getString("status"),
                row.getInt("version"),
                row.getString("created_by"),
                Jdbc.instant(row, "created_at"),
                row.getString("updated_by"),
                Jdbc.instant(row, "updated_at"));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
