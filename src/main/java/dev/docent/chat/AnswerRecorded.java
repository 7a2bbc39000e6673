package dev.docent.chat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Fired (as a CDI event, after the transaction that recorded it commits) for every answer Docent gives. The gap
 * reports listen to it; it carries what they need without reading the message back.
 *
 * @param messageId the recorded message
 * @param conversationId its conversation
 * @param owner the user who asked
 * @param groups the user's Keycloak groups when they asked (what they may read)
 * @param question the question as typed
 * @param query the standalone query retrieval used (the question, or its rewrite for a follow-up)
 * @param answered whether Docent answered from the documents
 * @param cause when not answered: {@code no_content} or {@code abstained} (see {@link UnansweredCause}); else null
 * @param topSimilarity cosine similarity of the best retrieved passage, null when nothing was retrieved
 * @param createdAt when it was asked
 */
public record AnswerRecorded(
        UUID messageId,
        UUID conversationId,
        String owner,
        Set<String> groups,
        String question,
        String query,
        boolean answered,
        String cause,
        Double topSimilarity,
        Instant createdAt) {}
