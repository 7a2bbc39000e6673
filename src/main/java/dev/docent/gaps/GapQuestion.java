package dev.docent.gaps;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An unanswered question about to join a gap cluster.
 *
 * @param messageId the recorded chat message
 * @param owner who asked (counted as a distinct user, never shown)
 * @param groups what the asker could read when they asked
 * @param question as typed
 * @param query the standalone query retrieval used; it is what gets embedded and replayed
 * @param cause no_content, abstained, withheld or user_feedback
 * @param askedAt when
 */
public record GapQuestion(
        UUID messageId,
        String owner,
        Set<String> groups,
        String question,
        String query,
        String cause,
        Instant askedAt) {

    public GapQuestion withCause(String newCause) {
        return new GapQuestion(messageId, owner, groups, question, query, newCause, askedAt);
    }
}
