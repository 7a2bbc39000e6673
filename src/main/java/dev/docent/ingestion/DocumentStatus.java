package dev.docent.ingestion;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a document is on its way into the knowledge base. The Documents page renders its status filter from this. */
public enum DocumentStatus {
    /** Stored, waiting for a worker. */
    QUEUED("queued", "Queued"),
    /** A worker parses, chunks and embeds it. */
    PROCESSING("processing", "Processing"),
    /** Searchable. */
    READY("ready", "Ready"),
    /** Could not be ingested; its error says why (re-uploading retries it). */
    FAILED("failed", "Failed");

    /** Every code, in the order a document goes through them. */
    public static final List<String> ALL =
            Arrays.stream(values()).map(DocumentStatus::code).toList();

    private final String code;
    private final String label;

    DocumentStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value stored in {@code documents.status} and used by the API. */
    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Whether a stored status is this one. */
    public boolean is(String stored) {
        return code.equals(stored);
    }

    public static Optional<DocumentStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
