package dev.docent.ingestion;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable ingestion queue in PostgreSQL. A worker claims the oldest runnable job with {@code FOR UPDATE SKIP
 * LOCKED} (so workers never wait for each other) and holds it under a lease; a worker that dies stops renewing, its
 * lease runs out, and another worker takes the job over.
 */
@ApplicationScoped
public class IngestionQueue {

    /** A claimed job. */
    public record Job(long id, UUID documentId, int attempts) {}

    @Inject
    Jdbc jdbc;

    /** Queues a document; a document already queued or being processed keeps its one job. */
    public void enqueue(UUID documentId) {
        jdbc.update(
                "INSERT INTO ingestion_jobs (document_id) VALUES (?) ON CONFLICT (document_id) DO NOTHING", documentId);
    }

    /** Claims the next runnable job, if any. */
    public Optional<Job> claim(String worker, Duration lease) {
        return jdbc.one(
                """
                UPDATE ingestion_jobs
                   SET lease_until = now() + make_interval(secs => ?), worker = ?, attempts = attempts + 1
                 WHERE id = (SELECT id FROM ingestion_jobs
                              WHERE run_after <= now() AND (lease_until IS NULL OR lease_until < now())
                              ORDER BY run_after, id
                              LIMIT 1
                              FOR UPDATE SKIP LOCKED)
                RETURNING id, document_id, attempts
                """,
                row -> new Job(row.getLong(1), row.getObject(2, UUID.class), row.getInt(3)),
                (double) lease.toMillis() / 1000,
                worker);
    }

    /** Extends a lease; false when the job is gone (document deleted) or was taken over. */
    public boolean renew(Job job, String worker, Duration lease) {
        return jdbc.update(
                        "UPDATE ingestion_jobs SET lease_until = now() + make_interval(secs => ?)"
                                + " WHERE id = ? AND worker = ?",
                        (double) lease.toMillis() / 1000,
                        job.id(),
                        worker)
                > 0;
    }

    /** Removes a finished job (in the transaction that stores its result). */
    public void complete(Job job) {
        jdbc.update("DELETE FROM ingestion_jobs WHERE id = ?", job.id());
    }

    /** Gives a job back to run again after a delay. */
    public void retryLater(Job job, Duration delay) {
        jdbc.update(
                "UPDATE ingestion_jobs SET lease_until = NULL, worker = NULL,"
                        + " run_after = now() + make_interval(secs => ?) WHERE id = ?",
                (double) delay.toMillis() / 1000,
                job.id());
    }

    /** Gives a job back at once (graceful shutdown). */
    public void release(Job job, String worker) {
        jdbc.update(
                "UPDATE ingestion_jobs SET lease_until = NULL, worker = NULL, attempts = attempts - 1"
                        + " WHERE id = ? AND worker = ?",
                job.id(),
                worker);
    }

    /** Jobs waiting or running. */
    public long pending() {
        return jdbc.one("SELECT count(*) FROM ingestion_jobs", row -> row.getLong(1))
                .orElse(0L);
    }
}
