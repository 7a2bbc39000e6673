package dev.docent.ingestion.parse;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs parses on a fixed number of daemon threads and gives up on one after a timeout.
 *
 * <p>A timed-out parse is interrupted and cancelled, which stops Tika at its next SAX event; a parser stuck in a
 * loop that produces no events keeps its thread, but there are never more threads than the fixed number, so a run
 * of poisonous files degrades to timeouts instead of exhausting the JVM. Idle threads exit, so an unused
 * instance holds none.
 */
final class ParseWorkers {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final ThreadPoolExecutor pool;

    ParseWorkers(int threads) {
        this.pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), ParseWorkers::newThread);
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code task} and waits at most {@code timeout} for its result.
     *
     * @param onTimeout called when the time is up, to make the task stop at its next step
     * @throws DocumentRejectedException TIMEOUT when the time is up, or whatever the task threw
     * @throws CancellationException when the calling thread is interrupted (e.g. at shutdown)
     */
    <T> T call(Callable<T> task, Duration timeout, Runnable onTimeout) {
        AtomicBoolean started = new AtomicBoolean();
        Future<T> future = pool.submit(() -> {
            started.set(true);
            return task.call();
        });
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(future, onTimeout);
            throw Rejections.timeout(timeout, started.get());
        } catch (InterruptedException e) {
            stop(future, onTimeout);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a parse");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private void stop(Future<?> future, Runnable onTimeout) {
        onTimeout.run();
        future.cancel(true);
        // A task that never started would otherwise wait in the queue until a thread frees up.
        pool.purge();
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        // The task wraps its own checked exceptions; this would be a programming error.
        return new IllegalStateException("parse failed", cause);
    }

    private static Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "docent-parse-" + THREAD_NUMBER.incrementAndGet());
        // A parse stuck in a loop must never keep the JVM from shutting down.
        thread.setDaemon(true);
        return thread;
    }
}
