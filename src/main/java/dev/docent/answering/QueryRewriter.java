package dev.docent.answering;

import dev.docent.llm.Cancellation;

/** The first stage: turns a follow-up ("and for part-time staff?") into a query that stands alone. */
public interface QueryRewriter {

    /** The query to search for {@code question}; the question itself when it does not depend on the conversation. */
    String rewrite(String question, Question.History history, Cancellation cancellation);

    /**
     * Whether rewriting a question with this {@code history} asks a language model (which must never see a question
     * the guard refuses); when it does not, the guard may screen the question while it is rewritten and searched.
     */
    boolean usesModel(Question.History history);
}
