package dev.docent.answering;

import dev.docent.llm.Cancellation;

/** Where an answer goes while it is being written: the SSE stream of the chat page, or nowhere (JSON callers). */
public interface AnswerSink {

    /** Before the first word: which conversation and message this is, and who is answering. */
    void start(Start start);

    /** The next piece of the answer's text. */
    void delta(String text);

    /** Forget the text sent so far: another answer replaces it (the model failed mid-answer). */
    default void reset(String reason) {}

    /** The user's "Stop" reaches the answering work through this. */
    Cancellation cancellation();

    /** The first event of a streamed answer. */
    record Start(java.util.UUID conversationId, java.util.UUID messageId, String provider, String model, String mode) {}

    /** A sink for callers that only want the finished answer. */
    static AnswerSink discard() {
        Cancellation none = Cancellation.none();
        return new AnswerSink() {
            @Override
            public void start(Start start) {}

            @Override
            public void delta(String text) {}

            @Override
            public Cancellation cancellation() {
                return none;
            }
        };
    }
}
