package dev.docent.ingestion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A document as the API and the documents page show it.
 *
 * @param status {@code queued}, {@code processing}, {@code ready} or {@code failed}
 * @param stage what processing is doing now ({@code parsing}, {@code embedding}, {@code storing})
 * @param progress 0 to 1 while processing
 * @param error why it failed, in words the admin can act on
 * @param updatedAt when the status last changed: clients keep the newest version of a document
 * @param report the parse report (JSON), on single-document answers
 * @param queue where a queued document waits, on lists and single-document answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentView(
        UUID id,
        String title,
        String fileName,
        String collection,
        String mediaType,
        long sizeBytes,
        String sha256,
        String status,
        String stage,
        double progress,
        String error,
        Integer pages,
        Integer chunks,
        String embeddingModel,
        String uploadedBy,
        Instant uploadedAt,
        Instant updatedAt,
        Instant readyAt,
        @JsonRawValue String report,
        QueuePlace queue) {

    /** The same document with its place in the queue. */
    public DocumentView withQueue(QueuePlace place) {
        return copy(report, place);
    }

    /** The same document without its parse report (for lists and events). */
    public DocumentView summary() {
        return copy(null, queue);
    }

    private DocumentView copy(String newReport, QueuePlace newQueue) {
        return new DocumentView(
                id,
                title,
                fileName,
                collection,
                mediaType,
                sizeBytes,
                sha256,
                status,
                stage,
                progress,
                error,
                pages,
                chunks,
                embeddingModel,
                uploadedBy,
                uploadedAt,
                updatedAt,
                readyAt,
                newReport,
                newQueue);
    }
}
