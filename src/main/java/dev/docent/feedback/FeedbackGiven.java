package dev.docent.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Fired (CDI event, after the feedback is stored) so the gap reports can count a "didn't answer my question".
 *
 * @param messageId the answer judged
 * @param owner who asked and judged
 * @param groups what they may read
 * @param question the question as typed
 * @param query the standalone query it was answered with
 * @param askedAt when the question was asked
 * @param topSimilarity similarity of the best passage retrieval found for it, or null
 * @param retrievedChunks the chunks retrieval found for it, best first
 * @param notAnswered true when the latest verdict is thumbs down with reason "didnt_answer"
 */
public record FeedbackGiven(
        UUID messageId,
        String owner,
        Set<String> groups,
        String question,
        String query,
        Instant askedAt,
        Double topSimilarity,
        List<Long> retrievedChunks,
        boolean notAnswered) {}
