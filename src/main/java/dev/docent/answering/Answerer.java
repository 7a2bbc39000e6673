package dev.docent.answering;

import dev.docent.llm.Provider;
import java.util.Optional;

/** The fourth stage: writes the answer from the context, with a language model or without one. */
public interface Answerer {

    /**
     * What the answerer is asked to do.
     *
     * @param question the question as the asker typed it
     * @param query the standalone query (a follow-up's rewrite, which may quote earlier questions)
     * @param context the passages it may draw on
     * @param confident whether retrieval found something close enough to answer from at all
     * @param concise a short answer was asked for
     * @param author the model that writes it, or empty for the extractive answerer
     */
    record Task(
            String question,
            String query,
            Context context,
            boolean confident,
            boolean concise,
            Optional<Provider> author) {}

    /** Who may write an answer from this context: a model, or (empty) the extractive answerer. */
    Optional<Provider> author(Context context);

    /** Writes the answer, streaming it to {@code out} as it is written. */
    Draft answer(Task task, AnswerStream out);
}
