package dev.docent.answering;

import dev.docent.system.FirstTokenStages;

/** The text streamed to the asker so far, and when its first piece went out. */
public final class AnswerStream {

    private final long start;
    private final AnswerSink sink;
    private final FirstTokenStages stages;
    private final StringBuilder text = new StringBuilder();
    private Long firstTokenMs;

    /** {@code stages}: the answer's clock, closed when the first piece is written; null when it is not clocked. */
    AnswerStream(long startNanos, AnswerSink sink, FirstTokenStages stages) {
        this.start = startNanos;
        this.sink = sink;
        this.stages = stages;
    }

    /** Sends the next piece of the answer; the first one's time, once written, is the time to first token. */
    public synchronized void add(String piece) {
        text.append(piece);
        sink.delta(piece);
        if (firstTokenMs == null) {
            long now = System.nanoTime();
            firstTokenMs = (now - start) / 1_000_000;
            if (stages != null) {
                stages.firstToken(now);
            }
        }
    }

    /** Takes back what was sent: the page clears it, and the record will not mix two answers. */
    public synchronized void reset(String reason) {
        if (!text.isEmpty()) {
            text.setLength(0);
            sink.reset(reason);
        }
    }

    public synchronized String text() {
        return text.toString().strip();
    }

    public synchronized Long firstTokenMs() {
        return firstTokenMs;
    }

    public AnswerSink sink() {
        return sink;
    }
}
