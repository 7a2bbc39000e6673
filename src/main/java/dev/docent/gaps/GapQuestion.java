package dev.docent.gaps;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An unanswered question about to join a gap cluster, with what retrieval found for it, so recording it never reads
 * the chat's tables back nor embeds the question again.
 *
 * @param messageId the recorded chat message
 * @param owner who asked (counted as a distinct user, never shown)
 * @param groups what the asker could read when they asked
 * @param question as typed
 * @param query the standalone query retrieval used; it is what gets embedded and replayed
 * @param cause why it is a gap
 * @param askedAt when
 * @param queryVector the embedded query, or null when it was not embedded (keyword-only search)
 * @param topSimilarity similarity of the best passage the asker could read, or null when nothing was found
 * @param retrievedChunks the chunks retrieval found, best first
 */
public record GapQuestion(
        UUID messageId,
        String owner,
        Set<String> groups,
        String question,
        String query,
        GapCause cause,
        Instant askedAt,
        float[] queryVector,
        Double topSimilarity,
        List<Long> retrievedChunks) {

    public GapQuestion withCause(GapCause newCause) {
        return new GapQuestion(
                messageId,
                owner,
                groups,
                question,
                query,
                newCause,
                askedAt,
                queryVector,
                topSimilarity,
                retrievedChunks);
    }
}
