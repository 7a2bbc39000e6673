package dev.docent.feedback;

import java.util.UUID;

/**
 * The latest verdict on an answer; every field but the id is null when there is none yet.
 *
 * @param rating {@code up} or {@code down}
 */
public record FeedbackView(UUID messageId, String rating, String reason, String comment) {}
