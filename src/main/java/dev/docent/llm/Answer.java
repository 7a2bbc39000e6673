package dev.docent.llm;

import dev.docent.retrieval.Passage;
import java.util.List;

/**
 * What an answerer produced.
 *
 * @param text the answer, with [n] markers pointing into {@code cited}
 * @param answered false when the passages do not contain the answer
 * @param cited the passages behind the markers: [1] is the first
 * @param provider who wrote it ({@code extractive}, {@code openai-compatible}, ...)
 * @param model the model, when there is one
 */
public record Answer(String text, boolean answered, List<Passage> cited, String provider, String model) {

    /** The plain statement Docent makes when the documents do not answer a question. */
    public static final String NOT_COVERED =
            "The knowledge base doesn't cover this question. It has been noted for the knowledge managers.";
}
