package dev.docent.safety;

import dev.docent.audit.AuditLog;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What the Safety page shows and does: the guards' records, and releasing a flagged chunk (audited). */
@ApplicationScoped
public class SafetyService {

    /** Audited when an admin lets a flagged chunk back into answers. */
    public static final String CHUNK_RELEASED = "safety.chunk-released";

    static final int DAYS = 30;
    static final int LIMIT = 200;

    private final SafetyRepository repository;
    private final AuditLog audit;

    SafetyService(SafetyRepository repository, AuditLog audit) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The Safety page's data: counts per day, the latest events and the flagged chunks. */
    public record Overview(
            List<SafetyRepository.Day> days,
            List<SafetyRepository.Event> events,
            List<SafetyRepository.FlaggedChunk> flaggedChunks) {}

    public Overview overview() {
        return new Overview(repository.days(DAYS), repository.events(LIMIT), repository.flaggedChunks(LIMIT));
    }

    /**
     * A document id from a URL; anything else (a typo, an SQL fragment) is a 400 that says so, not a 404 that hides
     * it. The text is shown cut, so a long hostile string is not echoed whole.
     */
    public static UUID documentId(String raw) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    400,
                    "'" + shown(raw) + "' is not a document id: ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.");
        }
    }

    /** A chunk's place in its document from a URL: a whole number from 0. */
    public static int ordinal(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.matches("\\d{1,9}")) {
            return Integer.parseInt(s);
        }
        throw new InvalidInputException(
                400,
                "'" + shown(raw) + "' is not a chunk number: chunks are numbered 0, 1, 2, ... within their document.");
    }

    private static String shown(String raw) {
        return raw == null ? "" : raw.length() <= 40 ? raw : raw.substring(0, 39) + "…";
    }

    /** Lets a flagged chunk back into prompts; the release and who made it go to the audit log. */
    @Transactional
    public void release(UUID documentId, int ordinal, String admin) {
        SafetyRepository.FlaggedChunk flag = repository
                .flag(documentId, ordinal)
                .orElseThrow(() -> new InvalidInputException(
                        404,
                        "There is no flagged chunk " + ordinal + " in document " + documentId
                                + ": it may have been deleted or re-ingested."));
        if (flag.releasedAt() != null) {
            throw new InvalidInputException(
                    409, "This chunk was already released by " + flag.releasedBy() + " at " + flag.releasedAt() + ".");
        }
        if (!repository.release(documentId, ordinal, admin)) {
            throw new InvalidInputException(409, "This chunk was released by another administrator a moment ago.");
        }
        audit.record(
                admin,
                CHUNK_RELEASED,
                documentId.toString(),
                Map.of("ordinal", ordinal, "cause", flag.cause(), "file", String.valueOf(flag.fileName())));
    }
}
