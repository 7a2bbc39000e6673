package dev.docent.gaps;

import dev.docent.system.InvalidInputException;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gap workflow: knowledge managers set a cluster's status, owner and notes. */
@ApplicationScoped
public class GapService {

    /**
     * Statuses a manager may set. "likely_resolved" is the replay's verdict only: a manager confirms it (resolved) or
     * rejects it (open).
     */
    public static final List<String> SETTABLE = List.of("open", "in_progress", "resolved", "dismissed");

    public static final int MAX_OWNER = 100;
    public static final int MAX_NOTES = 4000;

    private static final Set<String> FIELDS = Set.of("status", "owner", "notes");

    @Inject
    Jdbc jdbc;

    @Inject
    GapReports reports;

    public Map<String, Object> detail(long id) {
        return reports.detail(id).orElseThrow(GapService::notFound);
    }

    /** Applies the fields present in {@code changes} (null or "" clears owner and notes); all or nothing. */
    @Transactional
    public Map<String, Object> update(long id, Map<String, Object> changes) {
        if (changes == null || changes.isEmpty()) {
            throw new InvalidInputException(400, "Send at least one of: status, owner, notes.");
        }
        for (String field : changes.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(
                        400, "'" + field + "' cannot be changed; send only status, owner and notes.");
            }
        }
        if (jdbc.one("SELECT 1 FROM gap_clusters WHERE id = ? FOR UPDATE", row -> 1, id)
                .isEmpty()) {
            throw notFound();
        }
        if (changes.containsKey("status")) {
            String status = text(changes, "status", 40);
            if (status == null || !SETTABLE.contains(status)) {
                throw new InvalidInputException(400, "'status' must be one of " + String.join(", ", SETTABLE) + ".");
            }
            // Reopening throws the replay's evidence away: it did not convince the manager.
            jdbc.update("""
                    UPDATE gap_clusters SET status = ?, updated_at = now(),
                           evidence = CASE WHEN ? = 'open' THEN NULL ELSE evidence END
                    WHERE id = ?
                    """, status, status, id);
        }
        if (changes.containsKey("owner")) {
            jdbc.update(
                    "UPDATE gap_clusters SET owner = ?, updated_at = now() WHERE id = ?",
                    text(changes, "owner", MAX_OWNER),
                    id);
        }
        if (changes.containsKey("notes")) {
            jdbc.update(
                    "UPDATE gap_clusters SET notes = ?, updated_at = now() WHERE id = ?",
                    text(changes, "notes", MAX_NOTES),
                    id);
        }
        return detail(id);
    }

    private static String text(Map<String, Object> changes, String field, int max) {
        Object value = changes.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidInputException(400, "'" + field + "' must be text.");
        }
        String stripped = s.strip();
        if (stripped.length() > max) {
            throw new InvalidInputException(
                    400, "'" + field + "' has " + stripped.length() + " characters; the limit is " + max + ".");
        }
        return stripped.isEmpty() ? null : stripped;
    }

    private static InvalidInputException notFound() {
        return new InvalidInputException(404, "There is no such knowledge gap.");
    }
}
