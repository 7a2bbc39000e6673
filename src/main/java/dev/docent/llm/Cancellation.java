package dev.docent.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Lets the user's "Stop" (or a closed browser tab) reach the work answering them, including a model's stream. */
public final class Cancellation {

    private volatile boolean cancelled;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** Never cancelled: for callers that wait for the whole answer anyway. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
        actions.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancellation, at once if already cancelled. */
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
    }

    /** Throws {@link AnswerCancelled} when cancelled. */
    public void check() {
        if (cancelled) {
            throw new AnswerCancelled();
        }
    }
}
