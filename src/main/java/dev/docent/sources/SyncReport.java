package dev.docent.sources;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One sync of a source.
 *
 * @param status {@code running}, {@code done} or {@code failed} (the source could not be read: nothing was changed)
 * @param error why it failed
 * @param details the items behind the counts: {@code added}, {@code changed}, {@code removed} (keys), {@code failed}
 *     (key and reason), and {@code truncated} when a limit stopped the walk (then nothing was removed)
 */
public record SyncReport(
        long id,
        String status,
        Instant startedAt,
        Instant finishedAt,
        int added,
        int changed,
        int unchanged,
        int removed,
        int failed,
        String error,
        @JsonRawValue String details) {}
