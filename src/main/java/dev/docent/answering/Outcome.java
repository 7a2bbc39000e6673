package dev.docent.answering;

import dev.docent.retrieval.Retrieval;
import java.time.Instant;

/**
 * Everything about one answer: the question, what each stage made of it, and how long it took.
 *
 * @param query the standalone query retrieval used
 * @param retrieval what retrieval found, best first, with the query's vector
 * @param draft the answer as checked
 * @param cause why it was not answered, or null (also null when stopped: a Stop says nothing about the documents)
 * @param stopped the asker stopped it before it was complete
 * @param firstTokenMs when its first piece went out, or null
 */
public record Outcome(
        Question question,
        String query,
        Retrieval retrieval,
        Draft draft,
        UnansweredCause cause,
        boolean stopped,
        Long firstTokenMs,
        long totalMs,
        Instant createdAt) {}
