package dev.docent.retrieval;

import java.util.List;

/**
 * What one search found, with the query's vector, so that nothing downstream (answering, the gap reports) has to embed
 * the same question again.
 *
 * @param passages best first
 * @param queryVector the embedded query; null for a keyword-only search
 */
public record Retrieval(List<Passage> passages, float[] queryVector) {

    /** Cosine similarity of the best-ranked passage: how confident retrieval is; null when nothing was found. */
    public Double topSimilarity() {
        return passages.isEmpty() ? null : passages.getFirst().similarity();
    }
}
