package dev.docent.feedback;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A user's verdict on an answer.
 *
 * @param rating {@code up} or {@code down}
 * @param reason for a thumbs down, optional: one of {@link FeedbackReason}
 * @param comment optional free text, at most {@link FeedbackService#MAX_COMMENT} characters
 */
public record FeedbackRequest(
        @NotNull(message = FeedbackRequest.RATING) @Pattern(regexp = "up|down", message = FeedbackRequest.RATING)
        String rating,

        String reason,
        String comment) {

    static final String RATING = "'rating' must be \"up\" or \"down\".";
}
