package dev.docent.gaps;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.docent.answering.UnansweredCause;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Why a question is in the gap reports: the two causes chat records, and the two the gap reports find out. */
public enum GapCause {
    /** Retrieval found nothing close enough. */
    NO_CONTENT(UnansweredCause.NO_CONTENT.code(), "no content"),
    /** The passages were close, but the answerer said they do not answer it. */
    ABSTAINED(UnansweredCause.ABSTAINED.code(), "model abstained"),
    /** The answer is in a collection the asker may not read: a permissions gap, never revealed to the asker. */
    WITHHELD("withheld", "withheld (permissions)"),
    /** The asker gave the answer a thumbs down with "didn't answer my question". */
    USER_FEEDBACK("user_feedback", "user feedback");

    /** Every code, in report order (filters, charts, the page's legend). */
    public static final List<String> ALL =
            Arrays.stream(values()).map(GapCause::code).toList();

    private final String code;
    private final String label;

    GapCause(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** How the page shows it (filters, badges, the overview's legend). */
    public String label() {
        return label;
    }

    /** The value stored in {@code gap_questions.cause} and used by the API. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The gap cause of an answer that was not given. */
    public static GapCause of(UnansweredCause cause) {
        return cause == UnansweredCause.ABSTAINED ? ABSTAINED : NO_CONTENT;
    }

    public static Optional<GapCause> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
