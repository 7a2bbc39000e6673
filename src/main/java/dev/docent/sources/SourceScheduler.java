package dev.docent.sources;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs due syncs, one at a time per instance, on a thread of its own: every tick it claims the most overdue source
 * (a lease in the database keeps two instances from syncing the same source) and syncs it. The syncs of an instance
 * that died are marked failed by whichever instance ticks first after their lease ran out.
 */
@ApplicationScoped
public class SourceScheduler {

    private static final Logger LOG = Logger.getLogger(SourceScheduler.class);

    @Inject
    SourceRepository sources;

    @Inject
    SourceSync sync;

    @Inject
    SourcesConfig config;

    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        sources.failAbandonedSyncs();
        executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("docent-source-sync").unstarted(r));
        long every = config.schedulerTick().toMillis();
        executor.scheduleWithFixedDelay(this::runDue, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Looks for due sources now rather than at the next tick (a new source, "sync now"). */
    void wakeUp() {
        if (executor != null) {
            executor.execute(this::runDue);
        }
    }

    private void runDue() {
        try {
            // An instance of the fleet that died mid-sync left its sync "running": closed once its lease ran out.
            sources.failAbandonedSyncs();
            for (var claimed = sources.claimDue(config.syncLease());
                    claimed.isPresent() && !Thread.currentThread().isInterrupted();
                    claimed = sources.claimDue(config.syncLease())) {
                long id = claimed.get();
                try {
                    sync.run(id);
                } finally {
                    sources.release(id);
                    sources.parkIfDisabled(id);
                }
            }
        } catch (RuntimeException e) {
            // The next tick tries again; a scheduled task that throws would never run again.
            LOG.error("Source sync scheduling failed", e);
        }
    }
}
