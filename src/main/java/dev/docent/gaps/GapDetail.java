package dev.docent.gaps;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One cluster with everything its page shows: the list's fields, the workflow, the replay's evidence and the trend.
 *
 * @param examples the most recent questions, masked (more than the list shows)
 * @param evidence the replay's evidence when it found the gap likely resolved, else null
 * @param trend questions per day since the cluster's first question (at most 90 days)
 */
public record GapDetail(
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
        List<GapSummary.Example> examples,
        String notes,
        GapEvidence evidence,
        Instant updatedAt,
        List<DayCount> trend) {

    /** Questions on one day (UTC). */
    public record DayCount(String day, long questions) {}
}
