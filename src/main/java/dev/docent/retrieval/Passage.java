package dev.docent.retrieval;

import java.util.List;
import java.util.UUID;

/**
 * A retrieved chunk, whole, for answering.
 *
 * @param score fused rank score (higher is better), comparable within one search
 * @param similarity cosine similarity of the query and the chunk (-1 to 1): how confident retrieval is
 */
public record Passage(
        long chunkId,
        UUID documentId,
        String title,
        String mediaType,
        Integer page,
        List<String> headingPath,
        String content,
        double score,
        double similarity) {

    /** The passage as a search result. */
    SearchHit toHit() {
        String snippet = content.length() <= SearchService.SNIPPET_LENGTH
                ? content
                : content.substring(0, SearchService.SNIPPET_LENGTH).strip() + "…";
        return new SearchHit(chunkId, documentId, title, page, headingPath, score, snippet);
    }
}
