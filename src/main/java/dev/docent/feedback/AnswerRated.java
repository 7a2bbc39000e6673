package dev.docent.feedback;

import java.util.UUID;

/**
 * Fired (CDI event, after the feedback is stored) with the verdict itself, for monitoring's thumbs up/down counts.
 *
 * @param rating {@code up} or {@code down}
 */
public record AnswerRated(UUID messageId, String rating) {}
