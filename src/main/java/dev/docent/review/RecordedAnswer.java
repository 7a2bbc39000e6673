package dev.docent.review;

import java.util.List;
import java.util.UUID;

/**
 * A recorded chat answer that users or reviewers vouched for (or corrected), as evaluation sets and training data read
 * it: raw text, not masked; whoever shows or exports it masks it.
 *
 * @param citations what the answer cites: its marker number and the chunk behind it
 * @param retrieved what retrieval returned for it, best first, with the scores it had then
 * @param helpful the asker rated it thumbs up
 * @param verdict a reviewer's {@code correct} or {@code incorrect}, or null
 * @param correction what it should have said, or null
 */
public record RecordedAnswer(
        UUID messageId,
        String question,
        String answer,
        boolean answered,
        List<Cited> citations,
        List<Retrieved> retrieved,
        boolean helpful,
        String verdict,
        String correction) {

    /** A citation marker [n] and the passage it pointed at. */
    public record Cited(int n, UUID documentId, long chunkId) {}

    /** A retrieved chunk with its scores at the time of the answer. */
    public record Retrieved(long chunkId, double score, double similarity) {}

    /** The documents it cites, in order of first citation. */
    public List<String> citedDocuments() {
        return citations.stream()
                .map(Cited::documentId)
                .filter(java.util.Objects::nonNull)
                .map(UUID::toString)
                .distinct()
                .toList();
    }

    /** A reviewer found it correct, or the asker found it helpful and no reviewer disagreed. */
    public boolean vouchedFor() {
        return "correct".equals(verdict) || (helpful && verdict == null);
    }
}
