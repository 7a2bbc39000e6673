package dev.docent.gaps;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The one thread that writes gaps. Recording (embedding, the withheld check, clustering) happens here rather than on
 * the chat request, so answers are not slowed; and because clustering and replays run one at a time, two paraphrases
 * arriving together cannot found two clusters, and a replay never races a question joining its cluster on this
 * instance. Across the instances of a fleet, cluster assignment takes a transaction-level advisory lock
 * ({@link GapRepository#lockClusters}) and one replay runs at a time ({@link GapReplay#replayIfDue}).
 */
@ApplicationScoped
public class GapWorker {

    private static final Logger LOG = Logger.getLogger(GapWorker.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "docent-gaps");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code task} after the work queued before it. A failure is logged: a lost gap never fails a chat. */
    public void submit(String what, Runnable task) {
        executor.execute(() -> run(what, task));
    }

    /** Runs {@code task} after {@code delay}; the returned future cancels it. */
    public ScheduledFuture<?> schedule(String what, Runnable task, Duration delay) {
        return executor.schedule(() -> run(what, task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} every {@code period} (the first time one period from now). */
    public void every(String what, Runnable task, Duration period) {
        executor.scheduleWithFixedDelay(
                () -> run(what, task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until everything queued so far has run (for the evaluation command and tests). */
    public void awaitIdle(Duration timeout) {
        try {
            executor.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("gap work still running after " + timeout, e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Knowledge gaps: %s failed", what);
        }
    }
}
