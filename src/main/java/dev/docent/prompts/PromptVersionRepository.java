package dev.docent.prompts;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Owns {@code prompt_versions}. */
@ApplicationScoped
class PromptVersionRepository {

    private static final String SELECT = """
            SELECT kind, number, system_template, user_template, note, created_by, created_at, active, promoted_by,
                   promoted_at
            FROM prompt_versions
            """;

    @Inject
    Jdbc jdbc;

    /** Stores version 1 of a kind unless it exists, and makes it active when the kind has no active version. */
    void seed(PromptKind kind, String system, String user) {
        jdbc.update("""
                INSERT INTO prompt_versions (kind, number, system_template, user_template, note, created_by)
                VALUES (?, 1, ?, ?, 'Shipped with Docent.', 'docent')
                ON CONFLICT (kind, number) DO NOTHING
                """, kind.id(), system, user);
        jdbc.update("""
                UPDATE prompt_versions SET active = true
                WHERE kind = ? AND number = 1 AND NOT EXISTS (SELECT 1 FROM prompt_versions WHERE kind = ? AND active)
                """, kind.id(), kind.id());
    }

    /** Adds the kind's next version; call inside a transaction (the lock keeps two writers from one number). */
    int add(PromptKind kind, String system, String user, String note, String createdBy) {
        jdbc.list("SELECT pg_advisory_xact_lock(hashtext('prompt_versions:' || ?))", row -> 0, kind.id());
        return jdbc.one("""
                        INSERT INTO prompt_versions (kind, number, system_template, user_template, note, created_by)
                        SELECT ?, coalesce(max(number), 0) + 1, ?, ?, ?, ? FROM prompt_versions WHERE kind = ?
                        RETURNING number
                        """, row -> row.getInt(1), kind.id(), system, user, note, createdBy, kind.id())
                .orElseThrow();
    }

    /** Makes {@code number} the kind's active version; call inside a transaction. False when there is no such one. */
    boolean promote(PromptKind kind, int number, String by) {
        jdbc.update("UPDATE prompt_versions SET active = false WHERE kind = ? AND active", kind.id());
        return jdbc.update(
                        "UPDATE prompt_versions SET active = true, promoted_by = ?, promoted_at = now()"
                                + " WHERE kind = ? AND number = ?",
                        by,
                        kind.id(),
                        number)
                > 0;
    }

    Optional<PromptVersion> find(PromptKind kind, int number) {
        return jdbc.one(SELECT + " WHERE kind = ? AND number = ?", PromptVersionRepository::map, kind.id(), number);
    }

    Optional<PromptVersion> active(PromptKind kind) {
        return jdbc.one(SELECT + " WHERE kind = ? AND active", PromptVersionRepository::map, kind.id());
    }

    /** Every version, by kind, newest first. */
    List<PromptVersion> list() {
        return jdbc.list(SELECT + " ORDER BY kind, number DESC", PromptVersionRepository::map);
    }

    private static PromptVersion map(ResultSet row) throws SQLException {
        PromptKind kind = PromptKind.of(row.getString("kind")).orElseThrow();
        int number = row.getInt("number");
        return new PromptVersion(
                kind.label(number),
                kind.id(),
                number,
                row.getString("system_template"),
                row.getString("user_template"),
                row.getString("note"),
                row.getString("created_by"),
                Jdbc.instant(row, "created_at"),
                row.getBoolean("active"),
                row.getString("promoted_by"),
                Jdbc.instant(row, "promoted_at"));
    }
}
