package dev.docent.privacy;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A person's name where Docent recorded who did something rather than what they asked: who uploaded a document and
 * who created a collection. The documents stay (they belong to the organisation); the name is replaced.
 */
@ApplicationScoped
public class ErasureRepository {

    /** What replaces an erased person's name. */
    static final String ERASED = "(erased user)";

    @Inject
    Jdbc jdbc;

    List<String> documentsUploadedBy(String name) {
        return jdbc.list(
                "SELECT file_name FROM documents WHERE uploaded_by = ? ORDER BY uploaded_at",
                r -> r.getString(1),
                name);
    }

    List<String> collectionsCreatedBy(String name) {
        return jdbc.list("SELECT name FROM collections WHERE created_by = ? ORDER BY name", r -> r.getString(1), name);
    }

    /**
     * Replaces {@code name} wherever it records who did something: uploaded a document, created a collection or an
     * evaluation set, started a run, applied a threshold. Returns how many records named them. (The features own these
     * tables; a name column each, updated here in the erasure's transaction, is simpler than an event per feature.)
     */
    int forgetName(String name) {
        return jdbc.update("UPDATE documents SET uploaded_by = ? WHERE uploaded_by = ?", ERASED, name)
                + jdbc.update("UPDATE collections SET created_by = ? WHERE created_by = ?", ERASED, name)
                + jdbc.update("UPDATE eval_sets SET created_by = ? WHERE created_by = ?", ERASED, name)
                + jdbc.update("UPDATE eval_runs SET started_by = ? WHERE started_by = ?", ERASED, name)
                + jdbc.update("UPDATE answer_threshold_overrides SET set_by = ? WHERE set_by = ?", ERASED, name);
    }

    /** Keeps what a retention purge removed, so reports can still count it. */
    void recordPurge(RetentionPurge.Purged purged) {
        jdbc.update(
                "INSERT INTO retention_purges (cutoff, conversations, messages, answered) VALUES (?, ?, ?, ?)",
                java.sql.Timestamp.from(purged.cutoff()),
                purged.conversations(),
                purged.messages(),
                purged.answered());
    }
}
