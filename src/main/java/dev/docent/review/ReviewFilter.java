package dev.docent.review;

import dev.docent.feedback.FeedbackReason;
import java.util.Optional;

/**
 * Which answers of the queue to show.
 *
 * @param reason only answers in the queue for this reason; empty: all
 * @param feedbackReason only thumbs down given for this reason; empty: any
 */
record ReviewFilter(Optional<ReviewReason> reason, Optional<FeedbackReason> feedbackReason, Status status) {

    /** Answers not yet judged, judged ones, or both. */
    enum Status {
        OPEN,
        REVIEWED,
        ALL
    }
}
