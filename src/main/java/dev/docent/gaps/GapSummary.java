package dev.docent.gaps;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A cluster in the list and the CSV export.
 *
 * @param label its most representative question, masked
 * @param count questions in the period
 * @param users distinct askers in the period
 * @param impact questions and users weighted by recency (see {@link GapReports#IMPACT})
 * @param causes questions per cause
 * @param collections collections involved (closest passages; for withheld, the one the askers may not read)
 * @param examples the most recent questions, masked
 */
public record GapSummary(
        long id,
        String label,
        long count,
        long users,
        Instant firstSeen,
        Instant lastSeen,
        GapStatus status,
        String owner,
        double impact,
        Map<String, Long> causes,
        List<String> collections,
        List<Example> examples) {

    /** The same cluster with other example questions (a cluster's own page shows more than the list). */
    public GapSummary withExamples(List<Example> more) {
        return new GapSummary(
                id, label, count, users, firstSeen, lastSeen, status, owner, impact, causes, collections, more);
    }

    /**
     * A question of a cluster as reports show it: masked, with when and why.
     *
     * @param messageId the recorded message it came from (never readable by anyone but its asker): what is built from
     *     the example (an evaluation item) names it, so erasing the message takes that along
     */
    public record Example(String question, Instant askedAt, String cause, java.util.UUID messageId) {}
}
