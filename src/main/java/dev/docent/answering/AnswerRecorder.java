package dev.docent.answering;

/**
 * The last stage: keeps what was answered. Chat records it in the asker's conversation (and tells the gap reports);
 * an evaluation run keeps it elsewhere, so it never counts as chat or as a knowledge gap.
 */
public interface AnswerRecorder {

    void record(Outcome outcome);

    /** Keeps nothing. */
    static AnswerRecorder none() {
        return outcome -> {};
    }
}
