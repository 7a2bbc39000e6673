package dev.docent.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One answer in the review queue, with everything a reviewer needs to judge it.
 *
 * @param question the question as asked, personal data masked as in the gap reports
 * @param answer the answer as the user saw it
 * @param answered false when Docent said the documents do not cover the question
 * @param reasons why it is in the queue: codes of {@link ReviewReason}
 * @param groundedness share (0 to 1) of its sentences supported by the passages they cite; null when not scored
 * @param citationWarning a model answer was left citing nothing
 * @param citations what it cites, as the reviewer may read it now
 * @param feedback the asker's thumbs down with reason and comment; null without one
 * @param review the verdict given so far; null while open
 */
public record ReviewItem(
        UUID messageId,
        Instant askedAt,
        String question,
        String answer,
        boolean answered,
        String provider,
        String model,
        List<String> reasons,
        Double groundedness,
        boolean citationWarning,
        List<Citation> citations,
        Feedback feedback,
        Verdict review) {

    /**
     * A cited passage.
     *
     * @param title its document's title, or a notice when the reviewer may not read it
     * @param text the passage, or null when the reviewer may not read it (or it is gone)
     */
    public record Citation(int n, UUID documentId, String title, Integer page, String text) {}

    /**
     * The asker's verdict.
     *
     * @param reason the reason's code ({@code incorrect}...), or null
     * @param reasonLabel the words the asker chose from, or null
     * @param comment their comment, personal data masked, or null
     */
    public record Feedback(String rating, String reason, String reasonLabel, String comment) {}

    /** A reviewer's verdict ({@code correct}, {@code incorrect}) and, for an incorrect answer, the correct one. */
    public record Verdict(String verdict, String correction, String reviewedBy, Instant reviewedAt) {}
}
