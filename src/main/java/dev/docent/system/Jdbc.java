package dev.docent.system;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL with positional parameters, for queries that are clearer as SQL than as ORM calls (vector search, the
 * job queue, batch inserts). Inside a {@code @Transactional} method every call joins that transaction: the pool hands
 * out the connection enlisted in it.
 */
@ApplicationScoped
public class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work with the connection itself (batches, COPY). */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Inject
    AgroalDataSource dataSource;

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement statement = prepare(c, sql, params);
                    ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        });
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows changed. */
    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement statement = prepare(c, sql, params)) {
                return statement.executeUpdate();
            }
        });
    }

    /** Runs work on a connection: the primary's, or the read replica's inside a {@link ReadReplica} scope. */
    public <T> T withConnection(ConnectionWork<T> work) {
        try (Connection replica = ReadRoute.replicaConnection()) {
            if (replica != null) {
                return ReadRoute.readOnly(replica, work);
            }
        } catch (SQLException e) {
            if (!ReadRoute.primaryCanServe(e)) {
                throw new DatabaseException(e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Binds parameters: collections become SQL text arrays, instants timestamps, the rest as JDBC objects. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            bind(c, statement, i + 1, params[i]);
        }
        return statement;
    }

    public static void bind(Connection c, PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case Collection<?> list -> statement.setArray(index, c.createArrayOf("text", list.toArray()));
            case Instant instant -> statement.setTimestamp(index, Timestamp.from(instant));
            case null, default -> statement.setObject(index, value);
        }
    }

    /** A text array column as a list. */
    public static List<String> strings(ResultSet row, String column) throws SQLException {
        java.sql.Array array = row.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** A nullable timestamp column as an instant. */
    /** A nullable numeric column as a Double (null stays null; {@code real} columns arrive as Float). */
    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A failed statement: a bug or an unavailable database, never the user's fault. */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
