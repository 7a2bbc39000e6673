package dev.docent.feedback;

/**
 * A user's verdict on an answer.
 *
 * @param rating {@code up} or {@code down}
 * @param reason for a thumbs down, optional: one of {@link FeedbackService#REASONS}
 * @param comment optional free text, at most {@link FeedbackService#MAX_COMMENT} characters
 */
public record FeedbackRequest(String rating, String reason, String comment) {}
