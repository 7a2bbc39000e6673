package dev.docent.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC on the test database, for tests and benchmarks that run Docent as a separate process
 * ({@link DocentProcess}) and so have no injected {@code Jdbc}.
 */
public final class TestDatabase {

    private static final String USER = System.getenv().getOrDefault("DOCENT_DB_USER", "docent");
    private static final String PASSWORD = System.getenv().getOrDefault("DOCENT_DB_PASSWORD", "docent");

    private TestDatabase() {}

    /** A new connection to the test database ({@link DocentProcess#dbUrl()}). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(DocentProcess.dbUrl(), USER, PASSWORD);
    }

    /** The first column of the first row, or null when there is no row. */
    public static String string(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement select = prepare(db, sql, args);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    /** Every column of the first row, as numbers. */
    public static List<Long> row(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement select = prepare(db, sql, args);
                ResultSet row = select.executeQuery()) {
            row.next();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                values.add(row.getLong(i));
            }
            return values;
        }
    }

    /** The first column of the first row, as a number (a count). */
    public static long count(Connection db, String sql, Object... args) throws SQLException {
        return row(db, sql, args).getFirst();
    }

    public static void update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args)) {
            statement.executeUpdate();
        }
    }

    /** {@code sql} with {@code args} bound in order; the caller closes it. */
    public static PreparedStatement prepare(Connection db, String sql, Object... args) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
