package dev.docent.chat;

import dev.docent.answering.Draft;
import dev.docent.answering.Outcome;
import dev.docent.answering.Question;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One answer, as the API returns it and as it is recorded.
 *
 * @param answered false when the knowledge base did not cover the question
 * @param notice something the user should know about how the answer was made, or null
 */
public record ChatAnswer(
        UUID conversationId,
        UUID messageId,
        String question,
        String answer,
        boolean answered,
        String notice,
        String provider,
        String model,
        List<Citation> citations,
        Instant createdAt) {

    /** The answer of an answering run, its citations numbered from 1 in the order of the answer's markers. */
    static ChatAnswer of(Outcome outcome) {
        Question question = outcome.question();
        Draft draft = outcome.draft();
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < draft.cited().size(); i++) {
            citations.add(Citation.of(i + 1, draft.cited().get(i)));
        }
        return new ChatAnswer(
                question.conversationId(),
                question.messageId(),
                question.text(),
                draft.text(),
                draft.answered(),
                draft.notice(),
                draft.provider(),
                draft.model(),
                citations,
                outcome.createdAt());
    }
}
