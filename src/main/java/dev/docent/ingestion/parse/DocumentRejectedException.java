package dev.docent.ingestion.parse;

import java.util.Objects;

/**
 * An upload Docent will not index, with a reason for the code and a message for the admin: the message says what
 * is wrong and what to do, never a stack trace.
 */
public final class DocumentRejectedException extends RuntimeException {

    /** Why the document was refused. */
    public enum Reason {
        /** The file has no bytes, or no text at all. */
        EMPTY,
        /** The content is not one of {@link DocumentParser#supportedMediaTypes()}. */
        UNSUPPORTED_TYPE,
        /** The document needs a password to open. */
        ENCRYPTED,
        /** A PDF of page images (a scan) with no text to extract without OCR. */
        NO_TEXT_LAYER,
        /** The file is damaged, truncated, or built to attack the parser (e.g. a zip bomb). */
        MALFORMED,
        /** More text than {@link ParseLimits#maxCharacters()}. */
        TOO_MUCH_TEXT,
        /** Parsing took longer than {@link ParseLimits#timeout()}. */
        TIMEOUT
    }

    private final Reason reason;

    public DocumentRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DocumentRejectedException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the document was refused. */
    public Reason reason() {
        return reason;
    }
}
