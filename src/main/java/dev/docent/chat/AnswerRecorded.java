package dev.docent.chat;

import dev.docent.answering.UnansweredCause;
import dev.docent.retrieval.Retrieval;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Fired (as a CDI event, after the transaction that recorded it commits) for every answer Docent gives. The gap
 * reports listen to it; it carries everything they need, including what retrieval found and the query's vector, so
 * no listener reads the message back or embeds the question again.
 *
 * @param messageId the recorded message
 * @param conversationId its conversation
 * @param owner the user who asked
 * @param groups the user's Keycloak groups when they asked (what they may read)
 * @param question the question as typed
 * @param query the standalone query retrieval used (the question, or its rewrite for a follow-up)
 * @param answered whether Docent answered from the documents
 * @param cause when not answered, why; else null
 * @param retrieval the passages retrieval found (best first) and the query's vector
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
        UnansweredCause cause,
        Retrieval retrieval,
        Instant createdAt) {}
