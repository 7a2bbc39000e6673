package dev.docent.answering.extractive;

import static dev.docent.answering.extractive.Fixtures.passage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sentences may be quoted, and which of them answer. */
class SentenceChoiceTest {

    @Test
    void questionsAndExamplesOfQuestionsAreNeverQuotable() {
        assertFalse(SentenceChoice.quotable("Who can see my conversations?"));
        assertFalse(SentenceChoice.quotable("For example, ask \"How many vacation days do employees get?\""));
        assertFalse(SentenceChoice.quotable("Example questions: vacation days, parking, expenses."));
        assertFalse(SentenceChoice.quotable("Try asking about your parking permit."));
        assertFalse(SentenceChoice.quotable("Q: can I carry days over"));
        assertFalse(SentenceChoice.quotable("¿Cuántos días?"));
        assertTrue(SentenceChoice.quotable("Employees get 25 vacation days a year."));
    }

    @Test
    void headingsAndShortPiecesAreNotCandidates() {
        var candidates = SentenceChoice.candidates(
                List.of(passage("Guide", "# Vacation days\n\nOK.\n\nEmployees get 25 vacation days a year.", 0.8)));
        assertEquals(1, candidates.size());
        assertEquals(
                "Employees get 25 vacation days a year.", candidates.getFirst().text());
    }

    @Test
    void aSentenceWithANumberBeatsOneWithoutForHowMany() {
        var candidates = SentenceChoice.candidates(List.of(passage(
                "HR",
                "Vacation days for employees are planned with the team. Employees get 25 vacation days a year.",
                0.8)));
        // Equal similarity: key terms and the asked type decide.
        var ranked = SentenceChoice.rank(
                "How many vacation days do employees get?",
                candidates,
                new double[] {0.7, 0.7},
                SentenceChoice.Weights.DEFAULT);
        assertEquals(
                "Employees get 25 vacation days a year.",
                ranked.getFirst().sentence().text());
        assertTrue(ranked.getFirst().typeMatch());
    }

    @Test
    void aSentenceThatOnlyRepeatsTheQuestionsTermsIsLeftOut() {
        var candidates =
                SentenceChoice.candidates(List.of(passage("HR", "Employees get vacation days. The sky is blue.", 0.8)));
        var ranked = SentenceChoice.rank(
                "How many vacation days do employees get?", candidates, null, SentenceChoice.Weights.DEFAULT);
        assertTrue(ranked.isEmpty(), ranked.toString());
    }

    @Test
    void answerTypesAreReadFromTheQuestion() {
        assertEquals(AnswerType.NUMBER, AnswerType.of("How many vacation days do employees get?"));
        assertEquals(AnswerType.DATE, AnswerType.of("When did the office open?"));
        assertEquals(AnswerType.DATE, AnswerType.of("In what year was the plant built?"));
        assertEquals(AnswerType.NAME, AnswerType.of("Who approves travel requests?"));
        assertEquals(AnswerType.PLACE, AnswerType.of("Where is building C?"));
        assertEquals(AnswerType.OTHER, AnswerType.of("Why do unused days expire?"));
        assertEquals(AnswerType.OTHER, AnswerType.of(""));
        assertEquals(AnswerType.OTHER, AnswerType.of(null));
        // A follow-up searched after the question before it asks what its own wording asks.
        assertEquals(
                AnswerType.DATE,
                AnswerType.of("How many meal vouchers does an employee receive? and when do unused ones expire?"));
    }

    @Test
    void anAnswerOfTheAskedTypeMustBeNewToTheQuestion() {
        assertTrue(AnswerType.NUMBER.foundIn("There are 40 spaces.", "How many spaces are there?"));
        assertTrue(AnswerType.NUMBER.foundIn("There are forty spaces.", "How many spaces are there?"));
        assertFalse(AnswerType.NUMBER.foundIn("In 2020 spaces were added.", "How many spaces in 2020?"));
        assertTrue(AnswerType.DATE.foundIn("It opened in March 1998.", "When did the office open?"));
        assertTrue(AnswerType.DATE.foundIn("It opened on 2021-04-01.", "When did the office open?"));
        assertFalse(AnswerType.DATE.foundIn("Employees may take it.", "When did the office open?"));
        assertTrue(AnswerType.NAME.foundIn("Requests are approved by Maria Lopez.", "Who approves requests?"));
        assertFalse(AnswerType.NAME.foundIn("Requests are approved by the manager.", "Who approves requests?"));
    }
}
