package dev.docent.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One answer, as the API returns it and as it is recorded.
 *
 * @param answered false when the knowledge base did not cover the question
 * @param notice something the user should know about how the answer was made, or null
 */
public record ChatAnswer(
        UUID conversationId,
        UUID messageId,
        String question,
        String answer,
        boolean answered,
        String notice,
        String provider,
        String model,
        List<Citation> citations,
        Instant createdAt) {}
