package dev.docent.review;

import java.util.Arrays;
import java.util.Optional;

/** Why an answer is in the review queue. An answer can be there for more than one. */
public enum ReviewReason {
    THUMBS_DOWN("thumbs_down", "Thumbs down"),
    UNCITED("uncited", "Cites nothing"),
    LOW_GROUNDEDNESS("low_groundedness", "Low groundedness");

    private final String code;
    private final String label;

    ReviewReason(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value the API takes and returns. */
    public String code() {
        return code;
    }

    /** The words the review page shows. */
    public String label() {
        return label;
    }

    public static Optional<ReviewReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
