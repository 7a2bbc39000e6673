package dev.docent.ingestion;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable ingestion queue in PostgreSQL. A worker claims the first runnable job (an admin's re-index before
 * uploads, then oldest first) with {@code FOR UPDATE SKIP LOCKED} (so workers never wait for each other) and holds it
 * under a lease; a worker that dies stops renewing, its lease runs out, and another worker takes the job over. A
 * pause is a row in {@code settings}, so it holds for every instance and survives a restart.
 */
@ApplicationScoped
public class IngestionQueue {

    /** A claimed job. */
    public record Job(long id, UUID documentId, int attempts) {}

    @Inject
    Jdbc jdbc;

    /** Priority of an admin's re-index: ahead of every upload. */
    public static final int PRIORITY_ADMIN = 1;

    /** Priority of uploads and automatic re-indexing. */
    public static final int PRIORITY_NORMAL = 0;

    private static final String PAUSED_KEY = "ingestion.paused";

    /** The order workers take jobs in; {@link #positions} counts places in the same order. */
    private static final String ORDER = "priority DESC, run_after, id";

    /** Queues a document; a document already queued or being processed keeps its one job. */
    public void enqueue(UUID documentId) {
        enqueue(documentId, PRIORITY_NORMAL);
    }

    /** Queues a document with a priority; a job already waiting is raised to it (never lowered). */
    public void enqueue(UUID documentId, int priority) {
        jdbc.update("""
                INSERT INTO ingestion_jobs (document_id, priority) VALUES (?, ?)
                ON CONFLICT (document_id) DO UPDATE SET priority = greatest(ingestion_jobs.priority, EXCLUDED.priority)
                """, documentId, priority);
    }

    /**
     * Places in the queue of the given documents that wait (not being processed), counted in the order workers take
     * jobs; documents not waiting are absent. One window over the waiting jobs: a few ms for thousands of them.
     */
    public Map<UUID, Place> positions(Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Place> places = new HashMap<>();
        jdbc.list(
                """
                SELECT document_id, position, priority FROM (
                    SELECT document_id, priority, row_number() OVER (ORDER BY %s) AS position
                    FROM ingestion_jobs WHERE lease_until IS NULL OR lease_until < now()) waiting
                WHERE document_id = ANY (?::uuid[])
                """.formatted(ORDER),
                row -> places.put(
                        row.getObject(1, UUID.class), new Place(row.getInt(2), row.getInt(3) > PRIORITY_NORMAL)),
                documentIds.stream().map(UUID::toString).toList());
        return places;
    }

    /** A waiting job's place: 1 is next. */
    public record Place(int position, boolean priority) {}

    /** Removes a waiting job; false when there is none or a worker holds it already. */
    public boolean cancelWaiting(UUID documentId) {
        return jdbc.update(
                        "DELETE FROM ingestion_jobs WHERE document_id = ?"
                                + " AND (lease_until IS NULL OR lease_until < now())",
                        documentId)
                > 0;
    }

    /** Stops or restarts claiming; documents being processed finish. */
    public void setPaused(boolean paused) {
        jdbc.update("""
                INSERT INTO settings (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
                """, PAUSED_KEY, String.valueOf(paused));
    }

    public boolean paused() {
        return jdbc.one("SELECT value FROM settings WHERE key = ?", row -> row.getString(1), PAUSED_KEY)
                .map(Boolean::parseBoolean)
                .orElse(false);
    }

    /** Jobs waiting for a worker, and jobs a worker holds. */
    public Counts counts() {
        return jdbc.one("""
                        SELECT count(*) FILTER (WHERE lease_until IS NULL OR lease_until < now()),
                               count(*) FILTER (WHERE lease_until >= now())
                        FROM ingestion_jobs
                        """, row -> new Counts(row.getLong(1), row.getLong(2))).orElse(new Counts(0, 0));
    }

    /** Jobs waiting and running. */
    public record Counts(long waiting, long running) {}

    /** Claims the next runnable job, if any. */
    public Optional<Job> claim(String worker, Duration lease) {
        return jdbc.one(
                """
                UPDATE ingestion_jobs
                   SET lease_until = now() + make_interval(secs => ?), worker = ?, attempts = attempts + 1
                 WHERE id = (SELECT id FROM ingestion_jobs
                              WHERE run_after <= now() AND (lease_until IS NULL OR lease_until < now())
                              ORDER BY priority DESC, run_after, id
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
