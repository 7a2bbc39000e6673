package dev.docent.curated;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A curated answer as the API shows it to the knowledge team.
 *
 * @param documents the documents it relies on, in citation order
 * @param gapId the gap cluster it answers, or null
 * @param status {@code active} (served) or {@code retired}
 * @param version 1 when written, one more with every edit or retirement
 */
public record CuratedAnswer(
        long id,
        String answer,
        List<Document> documents,
        List<String> questions,
        Long gapId,
        String status,
        int version,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {

    /**
     * One document a curated answer relies on.
     *
     * @param title null when it is gone (deleted, or no longer ready)
     * @param available false when it is gone: the answer is not served to anyone until it is edited
     */
    public record Document(UUID id, String title, String collection, boolean available) {}
}
