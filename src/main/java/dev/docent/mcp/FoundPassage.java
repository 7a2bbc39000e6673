package dev.docent.mcp;

import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.UUID;

/**
 * A passage {@code search_documents} found, whole, with where it comes from.
 *
 * @param rank 1 for the best
 * @param page the page in the original, when it has pages
 * @param section the heading path inside the document ("Leave › Vacation"), or null
 * @param link the original file (at the page when known); the caller's token opens it
 * @param score the fused ranking score, comparable within one search only
 */
public record FoundPassage(
        int rank, String title, Integer page, String section, String link, String text, double score, UUID documentId) {

    static FoundPassage of(int rank, Passage p, SourceLinks links) {
        return new FoundPassage(
                rank,
                p.title(),
                p.page(),
                section(p.headingPath()),
                links.to(p.documentId(), p.page()),
                p.content(),
                p.score(),
                p.documentId());
    }

    static String section(List<String> headingPath) {
        return headingPath == null || headingPath.isEmpty() ? null : String.join(" › ", headingPath);
    }
}
