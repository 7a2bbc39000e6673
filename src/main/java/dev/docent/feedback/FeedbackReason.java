package dev.docent.feedback;

import java.util.Arrays;
import java.util.Optional;

/** Why a thumbs down was given. The chat page's reason menu is rendered from these, so the two never disagree. */
public enum FeedbackReason {
    DIDNT_ANSWER("didnt_answer", "Didn't answer my question"),
    INCORRECT("incorrect", "Incorrect"),
    INCOMPLETE("incomplete", "Incomplete"),
    WRONG_SOURCES("wrong_sources", "Wrong or unhelpful sources"),
    OTHER("other", "Other");

    private final String code;
    private final String label;

    FeedbackReason(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value the API takes and stores. */
    public String code() {
        return code;
    }

    /** The words the chat page shows. */
    public String label() {
        return label;
    }

    public static Optional<FeedbackReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
