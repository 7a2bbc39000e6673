package dev.docent.answering;

import dev.docent.retrieval.Passage;
import java.util.List;

/**
 * The passages an answer is made from.
 *
 * @param passages what an answer may draw on (and cite), best first; [1] is the first
 * @param includesLocalOnly some of them belong to a local-only collection: no commercial model may see them
 */
public record Context(List<Passage> passages, boolean includesLocalOnly) {

    public static Context empty() {
        return new Context(List.of(), false);
    }
}
