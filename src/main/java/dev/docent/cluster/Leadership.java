package dev.docent.cluster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Which instance of a fleet on one database does a background duty, through PostgreSQL advisory locks and nothing
 * else. A scheduled duty ({@link #leads}) is led by the instance whose dedicated session holds the duty's lock: it keeps
 * the lead until its process or session ends, and then the next instance to check takes it over. Work that any
 * instance may start but only one may run at a time ({@link #exclusively}) holds the lock on a pooled connection for
 * as long as the work runs. Either way a killed instance's locks go with its sessions: nothing to expire or clean up.
 */
@ApplicationScoped
public class Leadership {

    /** The first key of every duty lock, so they never meet the one-key advisory locks Docent takes elsewhere. */
    static final int NAMESPACE = 0x446f63;

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final AgroalDataSource dataSource;
    private final Set<String> held = new HashSet<>();
    private Connection session;
    private boolean stopped;

    @Inject
    Leadership(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * True when this instance leads {@code duty}: it held the lock already (its session is still alive), or no live
     * instance held it and this one took it now. False when another instance leads, or the database is unreachable.
     */
    public synchronized boolean leads(String duty) {
        if (stopped) {
            return false;
        }
        try {
            if (session == null || !session.isValid(5)) {
                reopen();
            }
            if (held.contains(duty)) {
                return true;
            }
            if (lock(session, "pg_try_advisory_lock", duty)) {
                held.add(duty);
                LOG.infof("This instance now leads the duty '%s'", duty);
                return true;
            }
            return false;
        } catch (SQLException e) {
            LOG.warnf(e, "Could not check who leads '%s'; trying again at its next run", duty);
            drop();
            return false;
        }
    }

    /**
     * Runs {@code work} while no other instance runs work of the same {@code duty}, waiting for its turn. Holds a
     * pooled connection for the duration.
     */
    public <T> T exclusively(String duty, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, "pg_advisory_lock", duty);
            try {
                return work.get();
            } finally {
                unlock(connection, duty);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the fleet-wide lock of '" + duty + "'", e);
        }
    }

    /** Runs {@code work} exclusively unless another instance is running {@code duty} now; true when it ran. */
    public boolean tryExclusively(String duty, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "pg_try_advisory_lock", duty)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                unlock(connection, duty);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the fleet-wide lock of '" + duty + "'", e);
        }
    }

    /** The duties this instance leads now (for the log and tests). */
    public synchronized Set<String> led() {
        return Set.copyOf(held);
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        drop();
    }

    private void reopen() throws SQLException {
        if (session != null) {
            LOG.warnf("Lost the database session that held %s; checking the lead again", held);
        }
        drop();
        session = DedicatedConnection.open("leadership");
    }

    private void drop() {
        held.clear();
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("Closing the leadership session failed", e);
            }
            session = null;
        }
    }

    private static boolean lock(Connection connection, String function, String duty) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, duty.hashCode());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                // pg_advisory_lock returns void: reaching here means the lock is ours.
                return function.equals("pg_advisory_lock") || row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, String duty) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, duty.hashCode());
            statement.executeQuery().close();
        }
    }
}
