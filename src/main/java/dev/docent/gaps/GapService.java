package dev.docent.gaps;

import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The gap workflow: knowledge managers set a cluster's status, owner and notes. */
@ApplicationScoped
public class GapService {

    @Inject
    GapRepository repository;

    @Inject
    GapReports reports;

    public GapDetail detail(long id) {
        return reports.detail(id).orElseThrow(GapService::notFound);
    }

    public static final String NOTHING_SENT = "Send at least one of: status, owner, notes.";

    /** Applies the fields sent; all or nothing. */
    @Transactional
    public GapDetail update(long id, GapUpdate changes) {
        if (changes == null || changes.empty()) {
            throw new InvalidInputException(400, NOTHING_SENT);
        }
        changes.unknownFields().stream().sorted().findFirst().ifPresent(field -> {
            throw new InvalidInputException(
                    400, "'" + field + "' cannot be changed; send only status, owner and notes.");
        });
        GapStatus status = null;
        if (changes.status() != null) {
            status = GapStatus.fromCode(changes.status().strip())
                    .filter(GapStatus::settable)
                    .orElseThrow(() -> new InvalidInputException(
                            400, "'status' must be one of " + String.join(", ", GapStatus.SETTABLE) + "."));
        }
        if (!repository.lock(id)) {
            throw notFound();
        }
        if (status != null) {
            repository.setStatus(id, status);
        }
        if (changes.owner() != null) {
            repository.setOwner(id, blankToNull(changes.owner()));
        }
        if (changes.notes() != null) {
            repository.setNotes(id, blankToNull(changes.notes()));
        }
        return detail(id);
    }

    private static String blankToNull(String value) {
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static InvalidInputException notFound() {
        return new InvalidInputException(404, "There is no such knowledge gap.");
    }
}
