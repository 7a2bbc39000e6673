package dev.docent.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, asking again every few milliseconds: the one place tests pause. */
public final class Poll {

    private static final long INTERVAL_MS = 50;

    private Poll() {}

    /**
     * Asks {@code value} until it gives something (a non-empty optional), at most {@code timeout}; fails naming
     * {@code what} otherwise.
     */
    public static <T> T until(Supplier<Optional<T>> value, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> v = value.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get() + " (waited " + timeout.toSeconds() + " s)");
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what.get(), e);
            }
        }
    }
}
