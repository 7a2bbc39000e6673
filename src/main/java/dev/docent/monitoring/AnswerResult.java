package dev.docent.monitoring;

/**
 * How an answer ended, as counted in {@code docent_answers_total{outcome}} and kept in {@code answer_observations}.
 */
public enum AnswerResult {
    /** Answered from the documents (by a model or the extractive answerer). */
    ANSWERED("answered"),
    /** Answered with a curated answer the knowledge team wrote (counts as answered; no model ran). */
    CURATED("curated"),
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
