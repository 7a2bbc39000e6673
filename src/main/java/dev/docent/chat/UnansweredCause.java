package dev.docent.chat;

/** Why Docent did not answer a question, as recorded in {@code messages.unanswered_cause}. */
public final class UnansweredCause {

    /** Retrieval found nothing close enough to the question. */
    public static final String NO_CONTENT = "no_content";

    /** The passages were close, but the model (or the extractive answerer) said they do not answer it. */
    public static final String ABSTAINED = "abstained";

    private UnansweredCause() {}
}
