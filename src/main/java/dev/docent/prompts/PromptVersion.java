package dev.docent.prompts;

import java.time.Instant;

/**
 * One version of a prompt.
 *
 * @param label the kind and number, as recorded with every answer: {@code answer-v2}
 * @param system the system message's template, or null for kinds without one
 * @param user the user message's template
 * @param active whether chat uses this version now
 * @param promotedBy who made it the active version last (null: never promoted, or seeded)
 */
public record PromptVersion(
        String label,
        String kind,
        int number,
        String system,
        String user,
        String note,
        String createdBy,
        Instant createdAt,
        boolean active,
        String promotedBy,
        Instant promotedAt) {

    /** The version without its templates, for lists. */
    public PromptVersion summary() {
        return new PromptVersion(
                label, kind, number, null, null, note, createdBy, createdAt, active, promotedBy, promotedAt);
    }
}
