package dev.docent.answering;

import dev.docent.retrieval.Passage;
import java.math.BigDecimal;
import java.util.List;

/**
 * An answer as its answerer wrote it, before it is checked, numbered and recorded.
 *
 * @param text the answer with [n] markers; [1] is the first of {@code cited}
 * @param answered false when the documents do not answer the question
 * @param cited the passages behind the markers
 * @param provider who wrote it ({@code extractive}, {@code openai-compatible}, ...)
 * @param model the model, when there is one
 * @param notice something the user should know about how the answer was made, or null
 * @param promptVersion the prompt's version when a model wrote it
 */
public record Draft(
        String text,
        boolean answered,
        List<Passage> cited,
        String provider,
        String model,
        String notice,
        String promptVersion,
        Integer promptTokens,
        Integer completionTokens,
        BigDecimal costUsd) {

    /** An answer by {@code provider} (a model or the extractive answerer) that uses no tokens. */
    static Draft plain(
            String text, boolean answered, List<Passage> cited, String provider, String model, String notice) {
        return new Draft(text, answered, cited, provider, model, notice, null, null, null, null);
    }

    Draft withNotice(String newNotice) {
        return new Draft(
                text,
                answered,
                cited,
                provider,
                model,
                newNotice,
                promptVersion,
                promptTokens,
                completionTokens,
                costUsd);
    }
}
