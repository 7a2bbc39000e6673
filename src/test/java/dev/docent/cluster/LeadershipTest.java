package dev.docent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Poll;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One instance of a fleet leads each duty; another takes over when the leader's session dies; exclusive work is
 * skipped while another instance runs it; a stored request for work outlives the instance that made it. "Another
 * instance" is played by a database session of the test's own, which is all an instance is to PostgreSQL here.
 */
@QuarkusTest
class LeadershipTest {

    @Inject
    Leadership leadership;

    @Inject
    DueDuties duties;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Test
    void oneInstanceLeadsADutyUntilItsSessionDiesThenAnotherTakesOver() throws SQLException {
        String duty = "test-duty-" + UUID.randomUUID();
        assertTrue(leadership.leads(duty), "nobody led it: this instance takes the lead");
        assertTrue(leadership.leads(duty), "and keeps it");
        try (Connection other = dataSource.getConnection()) {
            assertFalse(tryLock(other, duty), "another instance cannot lead it meanwhile");

            killLeadershipSession();
            // The other instance checks again at its next run: now it leads.
            Poll.until(
                    () -> tryLockQuietly(other, duty) ? Optional.of(true) : Optional.empty(),
                    Duration.ofSeconds(10),
                    () -> "the lead was never free after the leader's session died");
            assertFalse(leadership.leads(duty), "this instance notices it lost the lead and does not run the duty");
            assertFalse(leadership.led().contains(duty));

            unlock(other, duty);
        }
        assertTrue(leadership.leads(duty), "free again: this instance leads once more");
    }

    @Test
    void exclusiveWorkIsSkippedWhileAnotherInstanceRunsIt() throws SQLException {
        String duty = "test-exclusive-" + UUID.randomUUID();
        AtomicBoolean ran = new AtomicBoolean();
        try (Connection other = dataSource.getConnection()) {
            assertTrue(tryLock(other, duty));
            assertFalse(leadership.tryExclusively(duty, () -> ran.set(true)), "another instance is running it");
            assertFalse(ran.get());
            unlock(other, duty);
        }
        assertTrue(leadership.tryExclusively(duty, () -> ran.set(true)));
        assertTrue(ran.get());
        assertEquals("done", leadership.exclusively(duty, () -> "done"), "the lock was released after the run");
    }

    @Test
    void aRequestPushedBackWhileTheWorkRanStaysDueAndAFinishedOneIsCleared() {
        String duty = "test-due-" + UUID.randomUUID();
        assertTrue(duties.due(duty).isEmpty(), "nothing requested");
        duties.request(duty, Duration.ZERO);
        Instant due = duties.due(duty).orElseThrow();

        duties.request(duty, Duration.ZERO); // another instance's document arrived while the work ran
        Instant later = duties.due(duty).orElseThrow();
        assertTrue(later.isAfter(due), "pushed back: " + due + " -> " + later);
        duties.done(duty, due, "test");
        assertEquals(Optional.of(later), duties.due(duty), "the newer request still waits");

        duties.done(duty, later, "test");
        assertTrue(duties.due(duty).isEmpty(), "done and nothing newer: cleared");
        duties.request(duty, Duration.ofMinutes(5));
        assertTrue(duties.due(duty).isEmpty(), "a delayed request is not due yet");
        jdbc.update("DELETE FROM fleet_duties WHERE duty = ?", duty);
    }

    /** What a kill -9 of the leading instance does to its session: PostgreSQL ends it and frees its locks. */
    private void killLeadershipSession() {
        int killed = jdbc.one(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE application_name = 'docent-leadership' AND pid <> pg_backend_pid()"
                                + " AND datname = current_database()",
                        row -> row.getInt(1))
                .orElseThrow();
        assertTrue(killed >= 1, "the leadership session was found");
    }

    private static boolean tryLockQuietly(Connection c, String duty) {
        try {
            return tryLock(c, duty);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tryLock(Connection c, String duty) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, Leadership.NAMESPACE);
            s.setInt(2, duty.hashCode());
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String duty) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            s.setInt(1, Leadership.NAMESPACE);
            s.setInt(2, duty.hashCode());
            s.executeQuery().close();
        }
    }
}
