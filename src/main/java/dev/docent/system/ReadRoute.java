package dev.docent.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Where this thread's reads go while a {@link ReadReplica} scope runs. Outside any scope (and whenever no replica is
 * configured) {@link Jdbc} uses the primary, as it always did; inside one the outermost scope decides, so a caller that
 * pins the primary (gap replay after a new document) is never sent to the replica by a service it calls.
 */
final class ReadRoute {

    private static final Logger LOG = Logger.getLogger(ReadRoute.class);

    /** A scope's choice: the replica's pool, or null for the primary. */
    private record Target(DataSource replica) {}

    private static final ThreadLocal<Target> CURRENT = new ThreadLocal<>();

    /** A dead replica is reported at most this often, not once per read. */
    private static final long WARN_EVERY_NANOS = 30_000_000_000L;

    private static volatile long lastWarned = System.nanoTime() - WARN_EVERY_NANOS;

    private ReadRoute() {}

    static boolean inScope() {
        return CURRENT.get() != null;
    }

    /** Runs {@code work} with this thread's reads on {@code replica} (null: the primary), unless a scope already runs. */
    static <T> T within(DataSource replica, Supplier<T> work) {
        if (inScope()) {
            return work.get();
        }
        CURRENT.set(new Target(replica));
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * A connection to the replica when this thread's scope reads there, else null (the caller uses the primary). A
     * replica that cannot be reached is no outage: the read falls back to the primary, and the log says so.
     */
    static Connection replicaConnection() {
        Target target = CURRENT.get();
        if (target == null || target.replica() == null) {
            return null;
        }
        try {
            return target.replica().getConnection();
        } catch (SQLException e) {
            warn("The read replica cannot be reached (" + e.getMessage() + "): reading from the primary meanwhile");
            return null;
        }
    }

    /**
     * Whether a read that failed on the replica may run again on the primary: the replica went away (connection
     * errors, class 08; shut down, 57P) or cancelled the query to replay WAL (a recovery conflict, 40001). Reads only,
     * in a read-only transaction: running one twice changes nothing.
     */
    static boolean primaryCanServe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean retry = state.startsWith("08") || state.startsWith("57P") || state.equals("40001");
        if (retry) {
            warn("The read replica failed a read (" + state + ": " + e.getMessage() + "): reading from the primary");
        }
        return retry;
    }

    private static void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarned >= WARN_EVERY_NANOS) {
            lastWarned = now;
            LOG.warn(message);
        }
    }

    /**
     * Runs work on a replica connection inside a read-only transaction of its own (the replica's pool takes no part in
     * the application's transactions), so {@code SET LOCAL} settings such as {@code hnsw.ef_search} hold for it.
     */
    static <T> T readOnly(Connection replica, Jdbc.ConnectionWork<T> work) throws SQLException {
        replica.setAutoCommit(false);
        try {
            return work.run(replica);
        } finally {
            try {
                replica.rollback();
            } finally {
                replica.setAutoCommit(true);
            }
        }
    }
}
