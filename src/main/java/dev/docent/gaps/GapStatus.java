package dev.docent.gaps;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a knowledge gap is in its workflow. The page renders its menus from this list. */
public enum GapStatus {
    /** New or reopened: nobody is on it. */
    OPEN("open", "open"),
    /** A knowledge manager is working on it. */
    IN_PROGRESS("in_progress", "in progress"),
    /** Docent's verdict only (the replay answered it from new content): a manager confirms or reopens it. */
    LIKELY_RESOLVED("likely_resolved", "likely resolved"),
    /** Closed: the knowledge base answers it now. */
    RESOLVED("resolved", "resolved"),
    /** Closed without content: out of scope, a duplicate, noise. */
    DISMISSED("dismissed", "dismissed");

    /** Every code, in workflow order. */
    public static final List<String> ALL =
            Arrays.stream(values()).map(GapStatus::code).toList();

    /** The statuses a manager may set (all but the replay's verdict). */
    public static final List<String> SETTABLE = Arrays.stream(values())
            .filter(GapStatus::settable)
            .map(GapStatus::code)
            .toList();

    private final String code;
    private final String label;

    GapStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value stored in {@code gap_clusters.status} and used by the API. */
    @JsonValue
    public String code() {
        return code;
    }

    /** How the page shows it. */
    public String label() {
        return label;
    }

    public boolean settable() {
        return this != LIKELY_RESOLVED;
    }

    /** Open or in progress: still a gap, replayed when new content arrives. */
    public boolean working() {
        return this == OPEN || this == IN_PROGRESS;
    }

    public static Optional<GapStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** A status read from the database (always one of the codes: the table's check constraint). */
    static GapStatus stored(String code) {
        return fromCode(code)
                .orElseThrow(() -> new IllegalStateException("Unknown gap status in the database: " + code));
    }
}
