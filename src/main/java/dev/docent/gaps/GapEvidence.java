package dev.docent.gaps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Why the replay thinks new content closed a gap, stored with the cluster ({@code gap_clusters.evidence}) and shown on
 * its page.
 *
 * @param replayed questions asked again
 * @param answered of those, answered confidently from new content
 * @param question the replayed question shown (masked; null once its asker's data is erased)
 * @param answer the answer, or where it lives when it comes from a restricted collection
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GapEvidence(
        Instant replayedAt, int replayed, int answered, String question, String answer, List<Source> sources) {

    /**
     * A cited passage. For a restricted collection only its place is given (title says which collection; no page, no
     * text): knowledge managers are not necessarily allowed to read it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(int n, String documentId, String title, Integer page, String passage, double similarity) {}
}
