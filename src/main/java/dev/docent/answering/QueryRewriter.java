package dev.docent.answering;

import dev.docent.llm.Cancellation;

/** The first stage: turns a follow-up ("and for part-time staff?") into a query that stands alone. */
public interface QueryRewriter {

    /** The query to search for {@code question}; the question itself when it does not depend on the conversation. */
    String rewrite(String question, Question.History history, Cancellation cancellation);
}
