package dev.docent.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the answers written at once: each holds a thread (and a model call) for seconds, so without a bound a burst
 * of questions exhausts memory and the model's quota. A question over the bound is told at once that Docent is busy
 * (503 with Retry-After) instead of queueing behind answers it cannot see.
 */
@ApplicationScoped
public class AnswerSlots {

    /** What a busy Docent tells the asker. */
    public static final String BUSY = "Docent is busy answering other questions: try again in a moment.";

    /** Seconds a refused asker is told to wait: about one short answer. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final Semaphore slots;

    @Inject
    public AnswerSlots(LimitsConfig config) {
        this.slots = new Semaphore(Math.max(0, config.answerSlots()));
    }

    /** A slot for one answer, released by {@link Slot#close()} (any number of times); refused when all are taken. */
    public Slot acquire() {
        if (!slots.tryAcquire()) {
            throw new LimitExceededException(503, RETRY_AFTER_SECONDS, BUSY);
        }
        return new Slot(slots);
    }

    /** Free slots now, for tests and metrics. */
    public int available() {
        return slots.availablePermits();
    }

    /** One taken slot. */
    public static final class Slot implements AutoCloseable {
        private final Semaphore slots;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(Semaphore slots) {
            this.slots = slots;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }
}
