package dev.docent.answering.extractive;

import static dev.docent.answering.extractive.Fixtures.passage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retrieval.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One calibrated score from several signals decides whether the passages answer. */
class AnswerabilityScoreTest {

    private final AnswerabilityScore score = new AnswerabilityScore(Fixtures.config());

    @Test
    void aPassageStatingTheAnswerIsAnswerable() {
        var a = score.assess(
                "How many vacation days do employees get?",
                List.of(passage("HR", "Full-time employees get 25 vacation days per calendar year.", 0.76)));
        assertTrue(a.answerable(), a.toString());
        assertEquals(1.0, a.signals().coverage());
        assertEquals(1.0, a.signals().typeMatch());
    }

    @Test
    void aRelatedPassageWithoutTheAskedFactScoresLowerThanOneWithIt() {
        String question = "How many vacation days do employees get?";
        Passage related = passage("HR", "Vacation requests go to the manager, who replies within a week.", 0.72);
        Passage answering = passage("HR", "Full-time employees get 25 vacation days per calendar year.", 0.72);
        var without = score.assess(question, List.of(related));
        var with = score.assess(question, List.of(answering));
        assertTrue(without.score() < with.score(), without + " vs " + with);
        assertEquals(-1.0, without.signals().typeMatch());
    }

    @Test
    void nothingRetrievedIsNotAnswerable() {
        var a = score.assess("How many vacation days do employees get?", List.of());
        assertFalse(a.answerable());
        assertEquals(0, a.signals().bestSimilarity());
    }

    @Test
    void aWeakMatchIsNotAnswerable() {
        var a = score.assess(
                "What is on the cafeteria menu on Fridays?",
                List.of(passage("HR", "Full-time employees get 25 vacation days per calendar year.", 0.55)));
        assertFalse(a.answerable(), a.toString());
    }

    @Test
    void marginAndBestAreReadFromSimilaritiesNotFromOrder() {
        var s = AnswerabilityScore.signals(
                "parking spaces", List.of(passage("A", "a text", 0.60), passage("B", "b text", 0.70)));
        assertEquals(0.70, s.bestSimilarity(), 1e-9);
        assertEquals(0.10, s.margin(), 1e-9);
    }

    @Test
    void hostilePassagesAndQuestionsGiveAScoreNotAnError() {
        String longQuestion = "vacation ".repeat(444);
        List<Passage> odd = List.of(
                passage("Empty", "", 0.8),
                passage("Questions", "Why? How? When?", 0.8),
                passage("Html", "<script>alert(1)</script> **bold** | table | row |", 0.8),
                passage("Null-ish", "\u0000\u0001", 0.8));
        for (String q : List.of("", longQuestion, "???", "Wie viele Urlaubstage?")) {
            var a = score.assess(q, odd);
            assertTrue(a.score() >= 0 && a.score() <= 1, a.toString());
        }
    }

    @Test
    void anImpossibleThresholdIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new AnswerabilityScore(1.5, 5));
        assertThrows(IllegalArgumentException.class, () -> new AnswerabilityScore(0.5, 0));
    }
}
