package dev.docent.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The real PostgreSQL: Flyway has run, pgvector works through JDBC, and Docent is not connected as a superuser. */
@QuarkusTest
class DatabaseSetupTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void flywayAppliedEveryMigration() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*), bool_and(success) from flyway_schema_history")) {
            r.next();
            assertTrue(r.getInt(1) >= 1, "at least one migration recorded");
            assertTrue(r.getBoolean(2), "every migration succeeded");
        }
    }

    @Test
    void vectorsRoundTripAndCompareByCosineDistance() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            PGvector.registerTypes(c);
            try (PreparedStatement p = c.prepareStatement("select ?::vector, ? <=> ?")) {
                p.setObject(1, new PGvector(new float[] {1, 2, 3}));
                p.setObject(2, new PGvector(new float[] {1, 0}));
                p.setObject(3, new PGvector(new float[] {0, 1}));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertArrayEquals(new float[] {1, 2, 3}, ((PGvector) r.getObject(1)).toArray());
                    assertEquals(1.0, r.getDouble(2), 1e-9, "orthogonal vectors are at cosine distance 1");
                }
            }
        }
    }

    @Test
    void docentConnectsWithoutSuperuserRights() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
            r.next();
            assertFalse(r.getBoolean(1), "the application role must not be a superuser");
        }
    }
}
