package dev.docent.answering;

/** The text streamed to the asker so far, and when its first piece went out. */
public final class AnswerStream {

    private final long start;
    private final AnswerSink sink;
    private final StringBuilder text = new StringBuilder();
    private Long firstTokenMs;

    AnswerStream(long startNanos, AnswerSink sink) {
        this.start = startNanos;
        this.sink = sink;
    }

    /** Sends the next piece of the answer. */
    public synchronized void add(String piece) {
        if (firstTokenMs == null) {
            firstTokenMs = (System.nanoTime() - start) / 1_000_000;
        }
        text.append(piece);
        sink.delta(piece);
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
