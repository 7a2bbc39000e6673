package dev.docent.monitoring;

/**
 * How an answer ended, as counted in {@code docent_answers_total{outcome}} and kept in {@code answer_observations}.
 * Docent has no curated answers yet, so there is no {@code curated} outcome.
 */
public enum AnswerResult {
    /** Answered from the documents (by a model or the extractive answerer). */
    ANSWERED("answered"),
    /** Retrieval found nothing close enough. */
    NO_CONTENT("no_content"),
    /** The passages were close, but did not answer the question. */
    ABSTAINED("abstained"),
    /** The model failed and the extractive answerer stepped in. */
    FALLBACK("fallback"),
    /** The asker pressed Stop. */
    STOPPED("stopped"),
    /** Answering failed with an error; nothing was recorded. */
    ERROR("error");

    private final String code;

    AnswerResult(String code) {
        this.code = code;
    }

    /** The tag value and stored code. */
    public String code() {
        return code;
    }
}
