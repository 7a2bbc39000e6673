package dev.docent.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one answer's time to first token went, stage by stage, on the monotonic clock ({@link System#nanoTime()}).
 * Each {@link #mark} closes the stage that just ended: its time is what passed since the previous mark, so the stages
 * add up to the time to first token exactly. After the first token the clock stops; marks then do nothing.
 *
 * <p>The answering code on the way to the first token (chat, retrieval, the model call) marks the clock of the answer
 * being written on its thread ({@link #markCurrent}); answers that nobody clocks (evaluation runs, replays) mark
 * nothing. A clock is used by one thread at a time (the request's worker, then the answer's own thread), never by two
 * at once.
 */
public final class FirstTokenStages {

    /** The stages, in the order an answer goes through them. */
    public enum Stage {
        /** HTTP arrival to a checked question: token check, body, collection, the conversation's owner. */
        REQUEST("request"),
        /** Rate limit, an answer slot, and the hand-over to the answer's thread. */
        ADMISSION("admission"),
        /** The conversation's earlier questions (follow-ups only). */
        HISTORY("history"),
        /**
         * The question guard (rules, then closeness to known attacks: an embedding of its own) and query rewriting (a
         * model call for a follow-up when a local model is configured).
         */
        REWRITE("rewrite"),
        /** The question's embedding. */
        EMBEDDING("embedding"),
        /** Keyword search, vector search and their fusion: one SQL statement, with its transaction. */
        SEARCH("search"),
        /** The match against curated answers (a query on the question's vector). */
        CURATED("curated"),
        /** Context assembly, the choice of model and the stream's {@code start} event. */
        CONTEXT("context"),
        /** The prompt, from the active prompt version. */
        PROMPT("prompt"),
        /** The model call, from the request sent to its first token received. */
        PROVIDER("provider"),
        /** The first token through the citation filter to the first {@code delta} written to the stream. */
        DELIVERY("delivery");

        private final String code;

        Stage(String code) {
            this.code = code;
        }

        /** The name stored ({@code stages_ms}) and used as the metric's {@code stage} tag. */
        public String code() {
            return code;
        }
    }

    private static final ThreadLocal<FirstTokenStages> CURRENT = new ThreadLocal<>();
    private static final Stage[] STAGES = Stage.values();

    private final long[] nanos = new long[STAGES.length];
    private final boolean[] reached = new boolean[STAGES.length];
    private long last;
    private volatile boolean stopped;

    /** A clock started at {@code startNanos} ({@link System#nanoTime()}: when the request arrived). */
    public FirstTokenStages(long startNanos) {
        this.last = startNanos;
    }

    /** Closes {@code stage} now: the time since the previous mark is added to it. */
    public void mark(Stage stage) {
        mark(stage, System.nanoTime());
    }

    /** The same at {@code now} ({@link System#nanoTime()}). */
    public synchronized void mark(Stage stage, long now) {
        if (stopped) {
            return;
        }
        nanos[stage.ordinal()] += Math.max(0, now - last);
        reached[stage.ordinal()] = true;
        last = now;
    }

    /** The first {@code delta} is written at {@code now}: the last stage closes and the clock stops. */
    public synchronized void firstToken(long now) {
        mark(Stage.DELIVERY, now);
        stopped = true;
    }

    /** The first token went out (the stages are complete). */
    public boolean complete() {
        return stopped;
    }

    /**
     * The stages reached, in order, in milliseconds rounded down to a tenth: their sum never exceeds the time they
     * cover.
     */
    public synchronized Map<String, Double> millis() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Stage s : STAGES) {
            if (reached[s.ordinal()]) {
                out.put(s.code(), Math.floor(nanos[s.ordinal()] / 100_000.0) / 10.0);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Marks the clock of the answer being written on this thread, if it is clocked. */
    public static void markCurrent(Stage stage) {
        FirstTokenStages clock = CURRENT.get();
        if (clock != null) {
            clock.mark(stage);
        }
    }

    /** The clock of the answer being written on this thread, or null. */
    public static FirstTokenStages current() {
        return CURRENT.get();
    }

    /** Makes this the clock of the answer written on this thread until the returned binding is closed. */
    public Binding bind() {
        FirstTokenStages previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Ends a {@link #bind()}; closed on the thread that bound it. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
