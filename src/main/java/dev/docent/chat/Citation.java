package dev.docent.chat;

import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.UUID;

/**
 * A numbered source of an answer: the passage behind a [n] marker.
 *
 * @param snippet the start of the passage, for lists
 * @param passage the whole passage, for the side panel
 */
public record Citation(
        int n,
        UUID documentId,
        String title,
        Integer page,
        List<String> headingPath,
        long chunkId,
        String mediaType,
        String snippet,
        String passage) {

    static final int SNIPPET = 200;

    static Citation of(int n, Passage p) {
        String snippet =
                p.content().length() <= SNIPPET ? p.content() : p.content().substring(0, SNIPPET) + "…";
        return new Citation(
                n,
                p.documentId(),
                p.title(),
                p.page(),
                p.headingPath(),
                p.chunkId(),
                p.mediaType(),
                snippet,
                p.content());
    }
}
