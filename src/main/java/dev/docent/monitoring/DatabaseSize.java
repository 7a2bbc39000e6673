package dev.docent.monitoring;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/** The database's size on disk: a catalog function, no feature's table. */
@ApplicationScoped
public class DatabaseSize {

    private final Jdbc jdbc;

    DatabaseSize(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** Bytes the current database takes on disk, indexes and TOAST included. */
    public long bytes() {
        return jdbc.one("SELECT pg_database_size(current_database())", row -> row.getLong(1))
                .orElse(0L);
    }
}
