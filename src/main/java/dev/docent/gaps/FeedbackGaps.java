package dev.docent.gaps;

import dev.docent.feedback.FeedbackGiven;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** A thumbs down with "didn't answer my question" makes the question a gap; changing the verdict takes it out. */
@ApplicationScoped
public class FeedbackGaps {

    @Inject
    GapRecorder recorder;

    void onFeedback(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackGiven feedback) {
        if (feedback.notAnswered()) {
            recorder.recordFeedback(new GapQuestion(
                    feedback.messageId(),
                    feedback.owner(),
                    feedback.groups(),
                    feedback.question(),
                    feedback.query(),
                    GapCause.USER_FEEDBACK,
                    feedback.askedAt(),
                    null,
                    feedback.topSimilarity(),
                    feedback.retrievedChunks()));
        } else {
            recorder.withdrawFeedback(feedback.messageId());
        }
    }
}
