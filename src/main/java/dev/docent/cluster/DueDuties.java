package dev.docent.cluster;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Work requested on one instance and run later by one instance of the fleet (table {@code fleet_duties}). A request
 * pushes the due time back (a burst of requests runs the work once); the instance that runs it clears the request only
 * when it finished and nobody asked again meanwhile, so a request survives the death of the instance that made it and
 * of the one running it. Pair with {@link Leadership#tryExclusively} so only one instance runs it at a time.
 */
@ApplicationScoped
public class DueDuties {

    /**
     * Clock tolerance between this machine and the database: a timer set here for the due time may fire a moment
     * before the database's clock reaches it.
     */
    static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    @Inject
    Jdbc jdbc;

    /** Asks for {@code duty} to run {@code delay} from now (later than any earlier request still waiting). */
    public void request(String duty, Duration delay) {
        jdbc.update("""
                INSERT INTO fleet_duties (duty, due_at) VALUES (?, now() + make_interval(secs => ?))
                ON CONFLICT (duty) DO UPDATE SET due_at = greatest(fleet_duties.due_at, excluded.due_at)
                """, duty, delay.toMillis() / 1000.0);
    }

    /** When {@code duty} became due, if it is due now. */
    public Optional<Instant> due(String duty) {
        return jdbc.one(
                "SELECT due_at FROM fleet_duties WHERE duty = ? AND due_at <= now() + make_interval(secs => ?)",
                row -> Jdbc.instant(row, "due_at"),
                duty,
                (double) CLOCK_SLACK.toSeconds());
    }

    /** Records a run; the request is cleared unless a newer one came in while it ran. */
    public void done(String duty, Instant due, String by) {
        jdbc.update("""
                UPDATE fleet_duties SET last_run_at = now(), last_run_by = ?,
                       due_at = CASE WHEN due_at = ? THEN NULL ELSE due_at END
                 WHERE duty = ?
                """, by, due, duty);
    }
}
