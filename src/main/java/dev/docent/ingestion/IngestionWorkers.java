package dev.docent.ingestion;

import dev.docent.ingestion.parse.DocumentRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Background workers that drain the ingestion queue. Each claims a job, renews its lease while processing, and
 * records the outcome: ready, failed with a reason the admin can act on, or retried later after an unexpected error.
 */
@ApplicationScoped
public class IngestionWorkers {

    private static final Logger LOG = Logger.getLogger(IngestionWorkers.class);
    private static final long IDLE_POLL_MS = 1000;

    @Inject
    IngestionQueue queue;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentEvents events;

    @Inject
    IngestionConfig config;

    @Inject
    IngestionThroughput throughput;

    @Inject
    Event<IngestionFinished> finished;

    private final String name = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object wakeUp = new Object();
    private final Map<Long, IngestionQueue.Job> inFlight = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> lost = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService leases;

    void start(@Observes StartupEvent event) {
        running.set(true);
        IngestionTempFiles.removeLeftovers();
        leases = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("docent-ingest-lease").unstarted(r));
        long every = Math.max(1, config.lease().toMillis() / 3);
        leases.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < config.workers(); i++) {
            Thread thread =
                    Thread.ofPlatform().daemon().name("docent-ingest-" + i).start(this::loop);
            threads.add(thread);
        }
        LOG.infof("%d ingestion worker(s) started", config.workers());
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leases != null) {
            leases.shutdownNow();
        }
    }

    /** Wakes idle workers: a job was just queued. */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                var job = queue.paused() ? Optional.<IngestionQueue.Job>empty() : queue.claim(name, config.lease());
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    synchronized (wakeUp) {
                        wakeUp.wait(IDLE_POLL_MS);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Ingestion worker could not reach the queue; retrying", e);
                sleepQuietly();
            }
        }
    }

    private void run(IngestionQueue.Job job) {
        // claim() counts every start, so a file that crashes the whole JVM (out of memory...) stops here.
        if (job.attempts() > config.maxAttempts()) {
            finish(
                    job,
                    "Docent stopped " + (job.attempts() - 1) + " times while processing this file (out of memory"
                            + " or a crash). Check the server's memory, or split the file, then re-index it.");
            finished.fire(IngestionFinished.failed(job.documentId(), "crash"));
            return;
        }
        inFlight.put(job.id(), job);
        long started = System.nanoTime();
        try {
            pipeline.process(job, () -> lost.containsKey(job.id()) || !running.get());
            throughput.record(Duration.ofNanos(System.nanoTime() - started));
        } catch (IngestionPipeline.Abandoned e) {
            LOG.debugf("Job %d abandoned (document deleted or job taken over)", job.id());
        } catch (DocumentRejectedException e) {
            throughput.record(Duration.ofNanos(System.nanoTime() - started));
            finish(job, e.getMessage());
            finished.fire(
                    IngestionFinished.failed(job.documentId(), e.reason().name().toLowerCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            if (running.get()) {
                retryOrFail(job, e);
                finished.fire(IngestionFinished.failed(job.documentId(), "error"));
            }
        } finally {
            if (!running.get()) {
                giveBack(job);
            }
            inFlight.remove(job.id());
            lost.remove(job.id());
        }
    }

    /** At shutdown the interrupt, not the document, ended the attempt: it does not count, and the job is free at once. */
    private void giveBack(IngestionQueue.Job job) {
        boolean interrupted = Thread.interrupted(); // let the JDBC call run
        try {
            queue.release(job, name);
        } catch (RuntimeException e) {
            LOG.debug("Could not give an ingestion job back at shutdown; its lease will expire", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finish(IngestionQueue.Job job, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            documents.fail(job.documentId(), error);
            queue.complete(job);
        });
        documents.find(job.documentId()).ifPresent(events::publish);
    }

    private void retryOrFail(IngestionQueue.Job job, RuntimeException e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(
                e,
                "Ingesting document %s failed (attempt %d, incident %s)",
                job.documentId(),
                job.attempts(),
                incident);
        if (job.attempts() >= config.maxAttempts()) {
            finish(
                    job,
                    "Docent could not process this file after " + job.attempts() + " attempts (incident " + incident
                            + "). Try re-indexing it; if it fails again, tell the administrator the incident id.");
            return;
        }
        Duration delay = Duration.ofSeconds(15L * job.attempts());
        QuarkusTransaction.requiringNew().run(() -> {
            documents.requeue(
                    job.documentId(),
                    "Attempt " + job.attempts() + " failed (incident " + incident + "); retrying in "
                            + delay.toSeconds() + " s.");
            queue.retryLater(job, delay);
        });
        documents.find(job.documentId()).ifPresent(events::publish);
    }

    private void renewLeases() {
        for (IngestionQueue.Job job : inFlight.values()) {
            try {
                if (!queue.renew(job, name, config.lease())) {
                    lost.put(job.id(), true);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not renew an ingestion lease", e);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL_MS * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
