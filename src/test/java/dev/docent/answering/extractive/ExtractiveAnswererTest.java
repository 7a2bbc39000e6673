package dev.docent.answering.extractive;

import static dev.docent.answering.extractive.Fixtures.passage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.Answer;
import dev.docent.retrieval.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extractive answer quotes the sentence that answers, verbatim and cited, or says nothing is covered. */
class ExtractiveAnswererTest {

    private final ExtractiveAnswerer answerer = Fixtures.answerer();

    static final Passage USER_GUIDE = passage(
            "User guide",
            "# Asking questions\n\nAsk in plain language. For example, ask \"How many vacation days do employees"
                    + " get?\" and Docent answers from the documents, with their sources.",
            0.78);
    static final Passage HR = passage(
            "HR handbook",
            "# Leave\n\nFull-time employees get 25 vacation days per calendar year. Unused days expire at the end of"
                    + " March.",
            0.74);

    @Test
    void theDocumentStatingTheNumberIsQuotedNotTheGuidesExampleQuestion() {
        Answer answer = answerer.answer("How many vacation days do employees get?", List.of(USER_GUIDE, HR));
        assertTrue(answer.answered());
        assertTrue(
                answer.text().contains("Full-time employees get 25 vacation days per calendar year."), answer.text());
        assertFalse(answer.text().contains("For example"), answer.text());
        assertFalse(answer.text().contains("?"), answer.text());
        assertEquals("HR handbook", answer.cited().getFirst().title());
    }

    @Test
    void aFaqQuestionIsNotEchoedBack() {
        Passage faq = passage(
                "FAQ",
                "Who can see my conversations?\nOnly you can see your conversations; administrators see the questions"
                        + " nobody could answer, without your name.",
                0.82);
        Answer answer = answerer.answer("Who can see my conversations?", List.of(faq));
        assertTrue(answer.answered());
        assertTrue(answer.text().startsWith("Only you can see your conversations"), answer.text());
        assertFalse(answer.text().contains("Who can see"), answer.text());
    }

    @Test
    void aQuestionTheDocumentsDoNotCoverGetsNoRandomQuotes() {
        Answer answer = answerer.answer(
                "What is on the cafeteria menu on Fridays?", List.of(passage("HR handbook", HR.content(), 0.58)));
        assertFalse(answer.answered());
        assertEquals(Answer.NOT_COVERED, answer.text());
        assertTrue(answer.cited().isEmpty());
    }

    @Test
    void passagesThatOnlyAskQuestionsAnswerNothing() {
        Passage questions = passage(
                "FAQ",
                "How many vacation days do employees get? When do unused vacation days expire? Who approves them?",
                0.9);
        Answer answer = answerer.answer("How many vacation days do employees get?", List.of(questions));
        assertFalse(answer.answered());
        assertEquals(Answer.NOT_COVERED, answer.text());
    }

    @Test
    void noPassagesMeansNotCovered() {
        assertFalse(answerer.answer("How many vacation days do employees get?", List.of())
                .answered());
        assertFalse(answerer.compose("How many vacation days do employees get?", List.of())
                .answered());
    }

    @Test
    void markdownAndHtmlInAPassageAreQuotedVerbatim() {
        Passage marked = passage(
                "HR handbook",
                "Full-time **employees** get <b>25</b> *paid* vacation days a year (see `leave.md`).",
                0.8);
        Answer answer = answerer.answer("How many vacation days do employees get?", List.of(marked));
        assertTrue(answer.answered());
        assertEquals(
                "Full-time **employees** get <b>25</b> *paid* vacation days a year (see `leave.md`). [1]",
                answer.text());
    }

    @Test
    void textInAnotherLanguageIsQuotedToo() {
        Passage german = passage(
                "Handbuch", "Vollzeitbeschäftigte erhalten 25 Urlaubstage pro Kalenderjahr. Der Rest verfällt.", 0.8);
        Answer answer = answerer.answer("Wie viele Urlaubstage erhalten Vollzeitbeschäftigte?", List.of(german));
        assertTrue(answer.answered());
        assertEquals("Vollzeitbeschäftigte erhalten 25 Urlaubstage pro Kalenderjahr. [1]", answer.text());
    }

    @Test
    void aFourThousandCharacterQuestionIsAnsweredWithoutFailing() {
        String question = ("How many vacation days do employees get " + "x".repeat(30) + " ").repeat(57);
        assertTrue(question.length() >= 4000);
        Answer answer = answerer.answer(question.substring(0, 4000), List.of(HR));
        assertEquals(answer.answered(), !answer.text().equals(Answer.NOT_COVERED));
    }

    @Test
    void citationsAreNumberedInOrderOfTheQuotedPassages() {
        Passage second = passage(
                "Policy",
                "Part-time employees get vacation days in proportion to their hours: 12 days at half time.",
                0.73);
        Answer answer = answerer.answer("How many vacation days do employees get?", List.of(HR, second));
        assertTrue(answer.answered());
        assertTrue(answer.text().contains("[1]"), answer.text());
        assertEquals(answer.cited().size(), answer.text().split("\\[\\d\\]", -1).length - 1);
    }
}
