package dev.docent.evaluation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One question of an evaluation set and what a good answer to it looks like.
 *
 * @param question the question as a user would ask it
 * @param expectedAnswer optional: text a correct answer contains (for containment and token F1)
 * @param expectedDocuments optional: ids or file names of the documents that answer it (for hit@k and MRR)
 * @param answerable whether the knowledge base answers it (for the "not answered" flag's precision and recall)
 */
public record EvalItem(
        @NotBlank(message = EvalItem.QUESTION) @Size(max = EvalItem.MAX_QUESTION, message = EvalItem.QUESTION_LENGTH)
        String question,

        @Size(max = EvalItem.MAX_ANSWER, message = EvalItem.ANSWER_LENGTH)
        String expectedAnswer,

        @Size(max = EvalItem.MAX_DOCUMENTS, message = EvalItem.DOCUMENTS)
        List<
                        @NotBlank(message = EvalItem.DOCUMENT)
                        @Size(max = EvalItem.MAX_DOCUMENT, message = EvalItem.DOCUMENT) String>
                expectedDocuments,

        @NotNull(message = EvalItem.ANSWERABLE) Boolean answerable) {

    static final int MAX_QUESTION = 2000;
    static final int MAX_ANSWER = 5000;
    static final int MAX_DOCUMENTS = 20;
    static final int MAX_DOCUMENT = 500;
    static final String QUESTION = "Every item needs a 'question'.";
    static final String QUESTION_LENGTH = "A 'question' may have at most 2000 characters.";
    static final String ANSWER_LENGTH = "An 'expectedAnswer' may have at most 5000 characters.";
    static final String DOCUMENTS = "An item may name at most 20 'expectedDocuments'.";
    static final String DOCUMENT = "Each of 'expectedDocuments' is a document id or file name of 1 to 500 characters.";
    static final String ANSWERABLE = "Every item needs 'answerable': true or false.";

    public EvalItem {
        question = question == null ? null : question.strip();
        expectedAnswer = expectedAnswer == null || expectedAnswer.isBlank() ? null : expectedAnswer.strip();
        expectedDocuments = expectedDocuments == null
                ? List.of()
                : expectedDocuments.stream()
                        .map(d -> d == null ? null : d.strip())
                        .toList();
    }
}
