package dev.docent.llm;

/** The user stopped the answer (or went away): not a provider failure, never retried, never counted against it. */
public class AnswerCancelled extends RuntimeException {

    public AnswerCancelled() {
        super("The answer was stopped", null, false, false);
    }
}
