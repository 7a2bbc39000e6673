package dev.docent.privacy;

import dev.docent.chat.ConversationRepository;
import dev.docent.cluster.Leadership;
import dev.docent.gaps.GapRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Purges conversations older than {@code docent.privacy.retention} once a day (off unless set), with what was derived
 * from them; the number of conversations, questions and answered questions purged is kept in
 * {@code retention_purges}, so reports can still count them. With several instances on one database, the instance that
 * leads the duty purges ({@link Leadership}), so each purge is counted once.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    /** What one purge removed. */
    public record Purged(Instant cutoff, int conversations, long messages, long answered) {}

    static final String DUTY = "retention-purge";

    @Inject
    PrivacyConfig config;

    @Inject
    Leadership leadership;

    @Inject
    ConversationRepository conversations;

    @Inject
    GapRepository gaps;

    @Inject
    ErasureRepository erasure;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        config.retention().ifPresent(retention -> {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("retention-purge").daemon(true).factory());
            long every = config.purgeInterval().toSeconds();
            timer.scheduleAtFixedRate(
                    () -> {
                        try {
                            if (!leadership.leads(DUTY)) {
                                return; // another instance of the fleet purges
                            }
                            Purged purged = purge(Instant.now().minus(retention));
                            LOG.infof(
                                    "Retention purge: %d conversations older than %s",
                                    purged.conversations(), retention);
                        } catch (RuntimeException e) {
                            LOG.error("Retention purge failed; it runs again at the next interval", e);
                        }
                    },
                    60,
                    every,
                    TimeUnit.SECONDS);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Purges every conversation last updated before {@code cutoff}; records and returns the counts. */
    @Transactional
    public Purged purge(Instant cutoff) {
        long[] counts = conversations.countsNotUpdatedSince(cutoff);
        int removed = conversations.deleteNotUpdatedSince(cutoff);
        if (removed > 0) {
            gaps.allClusters().forEach(gaps::afterErasure);
        }
        Purged purged = new Purged(cutoff, removed, counts[0], counts[1]);
        erasure.recordPurge(purged);
        return purged;
    }
}
