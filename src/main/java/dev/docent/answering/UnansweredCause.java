package dev.docent.answering;

/** Why Docent did not answer a question, as recorded in {@code messages.unanswered_cause}. */
public enum UnansweredCause {
    /** Retrieval found nothing close enough to the question. */
    NO_CONTENT("no_content"),
    /** The passages were close, but the model (or the extractive answerer) said they do not answer it. */
    ABSTAINED("abstained"),
    /** A safety guard refused the question (a jailbreak or injection attempt): no model saw it. */
    BLOCKED("blocked");

    private final String code;

    UnansweredCause(String code) {
        this.code = code;
    }

    /** The value stored in the database and shown in the API. */
    public String code() {
        return code;
    }
}
