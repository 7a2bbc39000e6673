package dev.docent.chat;

import dev.docent.retrieval.Passage;
import dev.docent.retrieval.PassageAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Citations are stored as references (number, document, chunk), never as the passage text: the text is looked up
 * when a conversation is read, with the reader's access at that moment. A passage whose document was deleted, or
 * whose collection the reader may no longer read, comes back as {@value #UNAVAILABLE}, so access granted once does
 * not outlive a change of groups, and deleting a document removes its text from every conversation.
 */
@ApplicationScoped
public class CitationReferences {

    /** What a reader sees instead of a passage they may no longer read. */
    public static final String UNAVAILABLE = "Source no longer available to you";

    /** The stored form of a citation: what it points to, nothing of what it says. */
    record Reference(int n, UUID documentId, long chunkId) {}

    @Inject
    PassageAccess access;

    static List<Reference> references(List<Citation> citations) {
        return citations.stream()
                .map(c -> new Reference(c.n(), c.documentId(), c.chunkId()))
                .toList();
    }

    /** The stored references as citations a member of {@code groups} may see now. */
    List<Citation> resolve(List<Citation> stored, Set<String> groups) {
        Map<Long, Passage> readable =
                access.readable(stored.stream().map(Citation::chunkId).toList(), groups);
        return stored.stream()
                .map(c -> {
                    Passage p = readable.get(c.chunkId());
                    return p == null ? unavailable(c.n()) : Citation.of(c.n(), p);
                })
                .toList();
    }

    private static Citation unavailable(int n) {
        return new Citation(n, null, UNAVAILABLE, null, List.of(), 0, null, UNAVAILABLE, UNAVAILABLE);
    }
}
