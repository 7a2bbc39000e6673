package dev.docent.collection;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Collections in PostgreSQL. */
@ApplicationScoped
public class CollectionRepository {

    private static final String COLUMNS =
            "id, name, description, groups, local_only, created_by, created_at, training_use";

    @Inject
    Jdbc jdbc;

    public List<Collection> all() {
        return jdbc.list("SELECT " + COLUMNS + " FROM collections ORDER BY name", CollectionRepository::map);
    }

    public Optional<Collection> byName(String name) {
        return jdbc.one("SELECT " + COLUMNS + " FROM collections WHERE name = ?", CollectionRepository::map, name);
    }

    /** Inserts a collection; empty when one with that name exists already. */
    public Optional<Collection> insert(
            String name, String description, List<String> groups, boolean localOnly, String by) {
        return jdbc.one("""
                INSERT INTO collections (name, description, groups, local_only, created_by)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                RETURNING %s
                """.formatted(COLUMNS), CollectionRepository::map, name, description, groups, localOnly, by);
    }

    public Optional<Collection> update(String name, String description, List<String> groups, boolean localOnly) {
        return jdbc.one(
                "UPDATE collections SET description = ?, groups = ?, local_only = ? WHERE name = ? RETURNING "
                        + COLUMNS,
                CollectionRepository::map,
                description,
                groups,
                localOnly,
                name);
    }

    /** Renames a collection; empty when another one has that name already. Documents follow (they refer by id). */
    public Optional<Collection> rename(String from, String to) {
        return jdbc.one("""
                UPDATE collections SET name = ? WHERE name = ?
                  AND NOT EXISTS (SELECT 1 FROM collections WHERE name = ?)
                RETURNING %s
                """.formatted(COLUMNS), CollectionRepository::map, to, from, to);
    }

    /** Allows or forbids the collection's passages in exported fine-tuning data. */
    public Optional<Collection> trainingUse(String name, boolean allowed) {
        return jdbc.one(
                "UPDATE collections SET training_use = ? WHERE name = ? RETURNING " + COLUMNS,
                CollectionRepository::map,
                allowed,
                name);
    }

    /** The names of the collections whose passages may go into fine-tuning data. */
    public java.util.Set<String> forTraining() {
        return java.util.Set.copyOf(
                jdbc.list("SELECT name FROM collections WHERE training_use", row -> row.getString(1)));
    }

    /** Deletes an empty collection row (its documents must be gone: they refer to it). */
    public boolean delete(long id) {
        return jdbc.update("DELETE FROM collections WHERE id = ?", id) == 1;
    }

    private static Collection map(ResultSet row) throws SQLException {
        return new Collection(
                row.getLong("id"),
                row.getString("name"),
                row.getString("description"),
                Jdbc.strings(row, "groups"),
                row.getBoolean("local_only"),
                row.getString("created_by"),
                Jdbc.instant(row, "created_at"),
                row.getBoolean("training_use"));
    }
}
