package dev.docent.gaps;

import com.pgvector.PGvector;
import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Writes gap clusters and their questions (the reads for reports are in {@link GapReports}, same tables). */
@ApplicationScoped
public class GapRepository {

    /** The nearest cluster that still takes questions, and how close it is. */
    public record Nearest(long id, String status, double similarity) {}

    /** Clusters a new question may join: all but resolved ones (a question after "resolved" is a new gap). */
    private static final String NEAREST = """
            SELECT id, status, 1 - (centroid <=> ?) AS similarity
            FROM gap_clusters
            WHERE embedding_model = ? AND status <> 'resolved'
            ORDER BY centroid <=> ?
            LIMIT 1
            """;

    /**
     * The centroid is the mean of the members' vectors (cosine ignores its length); the label is the member closest to
     * it, i.e. the most representative question. A new question in a "likely resolved" cluster contradicts the replay:
     * the cluster reopens.
     */
    private static final String REFRESH = """
            WITH centre AS (
                SELECT avg(embedding) AS centroid FROM gap_questions WHERE cluster_id = ?
            )
            UPDATE gap_clusters g
            SET centroid = centre.centroid, label = ?, updated_at = now(),
                status = CASE WHEN g.status = 'likely_resolved' AND ? THEN 'open' ELSE g.status END,
                evidence = CASE WHEN g.status = 'likely_resolved' AND ? THEN NULL ELSE g.evidence END
            FROM centre
            WHERE g.id = ?
            """;

    @Inject
    Jdbc jdbc;

    /** The gap reports read the replica once it has replayed the last change a manager made here. */
    static final String GAPS = "gaps";

    @Inject
    ReadReplica replica;

    /** Serializes cluster assignment across application instances (one worker thread per instance already). */
    public void lockClusters() {
        jdbc.one("SELECT pg_advisory_xact_lock(hashtext('docent.gap_clusters'))", row -> 1);
    }

    public Optional<Nearest> nearest(float[] vector, String model) {
        PGvector v = new PGvector(vector);
        return jdbc.one(NEAREST, row -> new Nearest(row.getLong(1), row.getString(2), row.getDouble(3)), v, model, v);
    }

    public long create(String label, float[] vector, String model) {
        return jdbc.one(
                        "INSERT INTO gap_clusters (label, centroid, embedding_model) VALUES (?, ?, ?) RETURNING id",
                        row -> row.getLong(1),
                        label,
                        new PGvector(vector),
                        model)
                .orElseThrow();
    }

    public boolean contains(UUID messageId) {
        return jdbc.one("SELECT 1 FROM gap_questions WHERE message_id = ?", row -> 1, messageId)
                .isPresent();
    }

    public void add(long clusterId, GapQuestion q, List<String> collections, float[] vector) {
        jdbc.update(
                """
                INSERT INTO gap_questions (message_id, cluster_id, owner, groups, question, query, cause, collections,
                                           embedding, asked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                q.messageId(),
                clusterId,
                q.owner(),
                List.copyOf(q.groups()),
                q.question(),
                q.query(),
                q.cause().code(),
                collections,
                new PGvector(vector),
                q.askedAt());
    }

    /** Recomputes centroid and label after a member joined ({@code joined}) or left. */
    public void refresh(long clusterId, boolean joined) {
        String label =
                jdbc.one("""
                        SELECT q.question FROM gap_questions q
                        WHERE q.cluster_id = ?
                        ORDER BY q.embedding <=> (SELECT avg(embedding) FROM gap_questions WHERE cluster_id = ?),
                                 q.asked_at DESC
                        LIMIT 1
                        """, row -> row.getString(1), clusterId, clusterId).orElse(null);
        if (label == null) {
            jdbc.update("DELETE FROM gap_clusters WHERE id = ?", clusterId);
            return;
        }
        jdbc.update(REFRESH, clusterId, PiiMask.mask(label), joined, joined, clusterId);
    }

    /**
     * Takes the questions of deleted answers out of the gaps; returns the clusters that lost members, to be refreshed
     * (their label may have been one of those questions). A replay's evidence quoting one of them loses the quote.
     */
    public List<Long> forget(List<UUID> messageIds) {
        List<String> ids = messageIds.stream().map(UUID::toString).toList();
        record Removed(long cluster, String question) {}
        List<Removed> removed = jdbc.list(
                "DELETE FROM gap_questions WHERE message_id = ANY(?::uuid[]) RETURNING cluster_id, question",
                row -> new Removed(row.getLong(1), row.getString(2)),
                ids);
        List<Long> clusters = removed.stream().map(Removed::cluster).distinct().toList();
        if (!clusters.isEmpty()) {
            jdbc.update(
                    """
                    UPDATE gap_clusters SET evidence = evidence - 'question'
                    WHERE id = ANY(?::bigint[]) AND evidence ->> 'question' = ANY(?)
                    """,
                    clusters.stream().map(String::valueOf).toList(),
                    removed.stream().map(r -> PiiMask.mask(r.question())).toList());
        }
        return clusters;
    }

    /** These messages' questions as the gap reports hold them (for the personal-data export of their asker). */
    public List<Map<String, Object>> questionsOf(List<UUID> messageIds) {
        return jdbc.list(
                """
                SELECT q.message_id, q.question, q.query, q.cause, q.asked_at, g.label
                FROM gap_questions q JOIN gap_clusters g ON g.id = q.cluster_id
                WHERE q.message_id = ANY (?::uuid[]) ORDER BY q.asked_at
                """,
                row -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("messageId", row.getObject("message_id", UUID.class));
                    m.put("question", row.getString("question"));
                    m.put("query", row.getString("query"));
                    m.put("cause", row.getString("cause"));
                    m.put("askedAt", Jdbc.instant(row, "asked_at"));
                    m.put("gapLabel", row.getString("label"));
                    return m;
                },
                messageIds.stream().map(UUID::toString).toList());
    }

    /** The clusters holding these messages' questions: to relabel or drop once those questions are erased. */
    public List<Long> clustersOf(List<UUID> messageIds) {
        return jdbc.list(
                "SELECT DISTINCT cluster_id FROM gap_questions WHERE message_id = ANY (?::uuid[])",
                row -> row.getLong(1),
                messageIds.stream().map(UUID::toString).toList());
    }

    /**
     * After members were erased: drops a cluster left empty, else recomputes its centroid and label from who is left
     * and forgets the replay evidence (it may quote an erased question).
     */
    public void afterErasure(long clusterId) {
        refresh(clusterId, false);
        jdbc.update("UPDATE gap_clusters SET evidence = NULL WHERE id = ?", clusterId);
    }

    /** Every cluster's id (for a repair after a retention purge removed members). */
    public List<Long> allClusters() {
        return jdbc.list("SELECT id FROM gap_clusters", row -> row.getLong(1));
    }

    /** Gap questions that named collection {@code from} name {@code to} instead. */
    void renameCollection(String from, String to) {
        jdbc.update(
                "UPDATE gap_questions SET collections = array_replace(collections, ?::text, ?::text) WHERE ?::text = ANY (collections)",
                from,
                to,
                from);
    }

    /** Clears {@code name} as the person a gap is assigned to. */
    public int forgetAssignee(String name) {
        return jdbc.update("UPDATE gap_clusters SET owner = NULL WHERE owner = ?", name);
    }

    /** Takes a question out of the gaps when its feedback changed; returns its cluster when it was there. */
    public Optional<Long> removeFeedbackQuestion(UUID messageId) {
        return jdbc.one(
                "DELETE FROM gap_questions WHERE message_id = ? AND cause = 'user_feedback' RETURNING cluster_id",
                row -> row.getLong(1),
                messageId);
    }

    /** A question of a cluster, as the replay asks it again: with what its asker could read then. */
    public record Replayable(UUID messageId, String question, String query, Set<String> groups, Instant askedAt) {}

    /** Clusters still to be closed (open or in progress), oldest first. */
    public List<Long> workingClusters() {
        return jdbc.list(
                "SELECT id FROM gap_clusters WHERE status IN (?, ?) ORDER BY id",
                row -> row.getLong(1),
                GapStatus.OPEN.code(),
                GapStatus.IN_PROGRESS.code());
    }

    /**
     * The latest questions of a cluster that an answer could close: not those from feedback on answers that were
     * given (a confident answer was the problem there).
     */
    public List<Replayable> replayable(long cluster, int limit) {
        return jdbc.list(
                """
                SELECT message_id, question, query, groups, asked_at FROM gap_questions
                WHERE cluster_id = ? AND cause <> ?
                ORDER BY asked_at DESC LIMIT ?
                """,
                row -> new Replayable(
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        row.getString(3),
                        new HashSet<>(Jdbc.strings(row, "groups")),
                        Jdbc.instant(row, "asked_at")),
                cluster,
                GapCause.USER_FEEDBACK.code(),
                limit);
    }

    /** The replay's verdict, kept only when nobody moved the cluster on meanwhile; false when it was not applied. */
    public boolean markLikelyResolved(long cluster, String evidenceJson) {
        return jdbc.update(
                        """
                        UPDATE gap_clusters SET status = ?, evidence = ?::jsonb, updated_at = now()
                        WHERE id = ? AND status IN (?, ?)
                        """,
                        GapStatus.LIKELY_RESOLVED.code(),
                        evidenceJson,
                        cluster,
                        GapStatus.OPEN.code(),
                        GapStatus.IN_PROGRESS.code())
                == 1;
    }

    /** Locks a cluster for a change by a manager; false when there is no such cluster. */
    public boolean lock(long id) {
        return jdbc.one("SELECT 1 FROM gap_clusters WHERE id = ? FOR UPDATE", row -> 1, id)
                .isPresent();
    }

    /** A manager's status; reopening throws the replay's evidence away (it did not convince the manager). */
    public void setStatus(long id, GapStatus status) {
        replica.wrote(GAPS);
        jdbc.update("""
                UPDATE gap_clusters SET status = ?, updated_at = now(),
                       evidence = CASE WHEN ? THEN NULL ELSE evidence END
                WHERE id = ?
                """, status.code(), status == GapStatus.OPEN, id);
    }

    /** Who works on the gap; null clears it. */
    public void setOwner(long id, String owner) {
        replica.wrote(GAPS);
        jdbc.update("UPDATE gap_clusters SET owner = ?, updated_at = now() WHERE id = ?", owner, id);
    }

    /** The manager's notes; null clears them. */
    public void setNotes(long id, String notes) {
        replica.wrote(GAPS);
        jdbc.update("UPDATE gap_clusters SET notes = ?, updated_at = now() WHERE id = ?", notes, id);
    }
}
