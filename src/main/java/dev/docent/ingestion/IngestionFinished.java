package dev.docent.ingestion;

import java.time.Duration;
import java.util.UUID;

/**
 * Fired (CDI event) when an ingestion attempt ends, for monitoring's throughput and failure counts.
 *
 * @param ready the document is searchable now
 * @param failure why the attempt failed ({@code unsupported_type}, {@code crash}, {@code error}, ...), or null
 * @param chunks the chunks stored (0 on failure)
 * @param embedding the time spent embedding them
 */
public record IngestionFinished(UUID documentId, boolean ready, String failure, int chunks, Duration embedding) {

    static IngestionFinished ready(UUID documentId, int chunks, Duration embedding) {
        return new IngestionFinished(documentId, true, null, chunks, embedding);
    }

    static IngestionFinished failed(UUID documentId, String failure) {
        return new IngestionFinished(documentId, false, failure, 0, Duration.ZERO);
    }
}
