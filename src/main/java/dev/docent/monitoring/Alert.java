package dev.docent.monitoring;

import java.time.Instant;
import java.util.Map;

/**
 * A degradation Docent noticed: which check, when, the evidence (both windows' values, counts, the test and its
 * statistic) and the change that preceded it when one is known (a model or prompt version first seen in the recent
 * window). Open while {@code clearedAt} is null.
 */
public record Alert(
        long id,
        String check,
        Instant raisedAt,
        Instant clearedAt,
        Map<String, Object> evidence,
        String precedingChange) {}
