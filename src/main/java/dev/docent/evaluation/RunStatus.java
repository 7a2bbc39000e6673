package dev.docent.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as {@code GET /api/eval/runs/{id}} shows it.
 *
 * @param status queued, running, done, cancelled or failed
 * @param progress items answered and the total
 * @param metrics null until the run is done (or cancelled: then over the items it answered)
 * @param items the items answered so far, in set order (left out of the list of runs)
 */
public record RunStatus(
        UUID id,
        UUID setId,
        String setName,
        String status,
        Progress progress,
        RunConfig config,
        RunMetrics metrics,
        String error,
        String startedBy,
        Instant createdAt,
        Instant finishedAt,
        List<ItemResult> items) {

    /** Items answered of the total. */
    public record Progress(int done, int total) {}

    RunStatus withItems(List<ItemResult> values) {
        return new RunStatus(
                id, setId, setName, status, progress, config, metrics, error, startedBy, createdAt, finishedAt, values);
    }
}
