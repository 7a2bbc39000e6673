package dev.docent.evaluation;

import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Owns {@code eval_sets} and {@code eval_items}. */
@ApplicationScoped
class EvalSetRepository {

    @Inject
    Jdbc jdbc;

    /** Evaluation sets and runs are listed from the replica once it has replayed this instance's last change. */
    static final String EVALUATION = "evaluation";

    @Inject
    ReadReplica replica;

    /** Records a change to the evaluation sets or runs once it is made (their lists read the replica after it). */
    private <T> T changed(T result) {
        return replica.wrote(EVALUATION, result);
    }

    @Transactional
    void create(UUID id, String name, String source, String createdBy, List<EvalItem> items) {
        changed(jdbc.update(
                "INSERT INTO eval_sets (id, name, source, created_by) VALUES (?, ?, ?, ?)",
                id,
                name,
                source,
                createdBy));
        addItems(id, items);
    }

    /** Adds items in one batch; within the caller's transaction, so a failure leaves none of them. */
    @Transactional
    void addItems(UUID setId, List<EvalItem> items) {
        changed(jdbc.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO eval_items (set_id, question, expected_answer, expected_documents, answerable)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                for (EvalItem item : items) {
                    Jdbc.bind(c, insert, 1, setId);
                    Jdbc.bind(c, insert, 2, item.question());
                    Jdbc.bind(c, insert, 3, item.expectedAnswer());
                    Jdbc.bind(c, insert, 4, item.expectedDocuments());
                    Jdbc.bind(c, insert, 5, item.answerable());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }));
    }

    /**
     * Adds items built from recorded answers, each linked to the message it came from ({@code sources}, same order),
     * so erasing that message takes the item along. Within the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void addSourcedItems(UUID setId, List<EvalItem> items, List<UUID> sources) {
        changed(jdbc.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO eval_items (set_id, question, expected_answer, expected_documents, answerable,"
                            + " source_message) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < items.size(); i++) {
                    EvalItem item = items.get(i);
                    Jdbc.bind(c, insert, 1, setId);
                    Jdbc.bind(c, insert, 2, item.question());
                    Jdbc.bind(c, insert, 3, item.expectedAnswer());
                    Jdbc.bind(c, insert, 4, item.expectedDocuments());
                    Jdbc.bind(c, insert, 5, item.answerable());
                    Jdbc.bind(c, insert, 6, sources.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }));
    }

    /**
     * Marks the set's items built from real traffic with the message each question came from, so erasing the message
     * takes the item along ({@code ON DELETE CASCADE}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void linkSources(UUID setId, java.util.Map<String, UUID> messageByQuestion) {
        messageByQuestion.forEach((question, message) -> changed(jdbc.update(
                "UPDATE eval_items SET source_message = ? WHERE set_id = ? AND question = ?",
                message,
                setId,
                question)));
    }

    /** Items built from these messages (the personal-data export of their asker). */
    List<java.util.Map<String, Object>> itemsFrom(List<UUID> messages) {
        return jdbc.list(
                """
                SELECT s.name, i.question, i.source_message FROM eval_items i JOIN eval_sets s ON s.id = i.set_id
                WHERE i.source_message = ANY (?::uuid[]) ORDER BY i.id
                """,
                row -> java.util.Map.<String, Object>of(
                        "set", row.getString(1),
                        "question", row.getString(2),
                        "messageId", row.getObject(3, UUID.class)),
                messages.stream().map(UUID::toString).toList());
    }

    /** Locks the set's row so two additions cannot pass the size check together; false when it does not exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean lock(UUID id) {
        return jdbc.one("SELECT id FROM eval_sets WHERE id = ? FOR UPDATE", row -> true, id)
                .isPresent();
    }

    int countItems(UUID setId) {
        return jdbc.one("SELECT count(*) FROM eval_items WHERE set_id = ?", row -> row.getInt(1), setId)
                .orElse(0);
    }

    List<EvalSetSummary> list() {
        return replica.fresh(
                EVALUATION,
                () -> jdbc.list(
                        """
                SELECT s.id, s.name, s.source, s.created_by, s.created_at,
                       (SELECT count(*) FROM eval_items i WHERE i.set_id = s.id) AS items
                FROM eval_sets s
                ORDER BY s.created_at DESC, s.name
                """,
                        row -> new EvalSetSummary(
                                row.getObject("id", UUID.class),
                                row.getString("name"),
                                row.getString("source"),
                                row.getInt("items"),
                                row.getString("created_by"),
                                Jdbc.instant(row, "created_at"))));
    }

    Optional<EvalSetDetail> find(UUID id) {
        return jdbc.one(
                        "SELECT id, name, source, created_by, created_at FROM eval_sets WHERE id = ?",
                        row -> new EvalSetDetail(
                                row.getObject("id", UUID.class),
                                row.getString("name"),
                                row.getString("source"),
                                row.getString("created_by"),
                                Jdbc.instant(row, "created_at"),
                                List.of()),
                        id)
                .map(set -> new EvalSetDetail(
                        set.id(), set.name(), set.source(), set.createdBy(), set.createdAt(), items(id)));
    }

    private List<EvalItem> items(UUID setId) {
        return jdbc.list(
                "SELECT question, expected_answer, expected_documents, answerable FROM eval_items"
                        + " WHERE set_id = ? ORDER BY id",
                row -> new EvalItem(
                        row.getString("question"),
                        row.getString("expected_answer"),
                        Jdbc.strings(row, "expected_documents"),
                        row.getBoolean("answerable")),
                setId);
    }

    boolean delete(UUID id) {
        return changed(jdbc.update("DELETE FROM eval_sets WHERE id = ?", id)) > 0;
    }
}
