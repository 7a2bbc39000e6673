package dev.docent.gaps;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * One cluster with everything its page shows: the list's fields (with more example questions than the list shows),
 * the workflow, the replay's evidence and the trend. In JSON the summary's fields sit at the top level.
 *
 * @param evidence the replay's evidence when it found the gap likely resolved, else null
 * @param trend questions per day since the cluster's first question (at most 90 days)
 */
public record GapDetail(
        @JsonUnwrapped GapSummary summary,
        String notes,
        GapEvidence evidence,
        Instant updatedAt,
        List<DayCount> trend) {

    /** Questions on one day (UTC). */
    public record DayCount(String day, long questions) {}
}
