package dev.docent.gaps;

import dev.docent.chat.UnansweredCause;
import java.util.List;

/** Why a question is in the gap reports: the two causes chat records, and the two the gap reports find out. */
public final class GapCause {

    public static final String NO_CONTENT = UnansweredCause.NO_CONTENT;
    public static final String ABSTAINED = UnansweredCause.ABSTAINED;
    /** The answer is in a collection the asker may not read: a permissions gap, never revealed to the asker. */
    public static final String WITHHELD = "withheld";
    /** The asker gave the answer a thumbs down with "didn't answer my question". */
    public static final String USER_FEEDBACK = "user_feedback";

    public static final List<String> ALL = List.of(NO_CONTENT, ABSTAINED, WITHHELD, USER_FEEDBACK);

    private GapCause() {}
}
