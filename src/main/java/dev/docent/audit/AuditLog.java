package dev.docent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who did what to the knowledge base and to people's data: uploads, deletions, collection and group changes,
 * personal-data exports and erasures. Append-only (a database trigger refuses changes); admins read and export it.
 */
@ApplicationScoped
public class AuditLog {

    /** The audited actions. */
    public static final String DOCUMENT_UPLOADED = "document.uploaded";

    public static final String DOCUMENT_DELETED = "document.deleted";
    public static final String COLLECTION_CREATED = "collection.created";
    public static final String COLLECTION_CHANGED = "collection.changed";
    public static final String COLLECTION_RENAMED = "collection.renamed";
    public static final String COLLECTION_DELETED = "collection.deleted";
    public static final String DATA_EXPORTED = "personal-data.exported";
    public static final String DATA_ERASED = "personal-data.erased";

    /** One entry. */
    public record Entry(long id, Instant at, String actor, String action, String target, String details) {}

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    public void record(String actor, String action, String target, Map<String, ?> details) {
        try {
            jdbc.update(
                    "INSERT INTO audit_log (actor, action, target, details) VALUES (?, ?, ?, ?::jsonb)",
                    actor,
                    action,
                    target,
                    json.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.list(
                "SELECT id, at, actor, action, target, details::text FROM audit_log ORDER BY id DESC LIMIT ?",
                row -> new Entry(
                        row.getLong("id"),
                        Jdbc.instant(row, "at"),
                        row.getString("actor"),
                        row.getString("action"),
                        row.getString("target"),
                        row.getString("details")),
                limit);
    }
}
