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
        repository.release(documentId, ordinal, admin);
        audit.record(
                admin,
                CHUNK_RELEASED,
                documentId.toString(),
                Map.of("ordinal", ordinal, "cause", flag.cause(), "file", String.valueOf(flag.fileName())));
    }
}
