package dev.docent.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retrieval.Passage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The judge-free metrics on a small constructed run whose right values are worked out by hand. */
class RunMetricsTest {

    static final UUID DOC_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID DOC_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    /** An item result with the fields metrics read; the rest neutral. */
    static ItemResult item(
            int position,
            boolean answerable,
            boolean answered,
            Integer rank,
            Boolean contained,
            Double f1,
            long totalMs,
            int supported,
            int markers,
            int grounded,
            int sentences) {
        return new ItemResult(
                position,
                "q" + position,
                null,
                List.of(),
                answerable,
                List.of(),
                "a" + position,
                answered,
                List.of(),
                "extractive",
                null,
                totalMs / 2,
                totalMs,
                answered ? 100 : null,
                answered ? 20 : null,
                answered ? new BigDecimal("0.0001") : null,
                rank,
                contained,
                f1,
                0.8,
                0.7,
                supported,
                markers,
                grounded,
                sentences,
                null,
                null,
                null);
    }

    @Test
    void metricsOfAConstructedRunHaveTheirWorkedOutValues() {
        List<ItemResult> run = List.of(
                // answerable, answered, expected doc first, answer contained
                item(0, true, true, 1, true, 1.0, 100, 2, 2, 2, 2),
                // answerable, answered, expected doc third, answer not contained
                item(1, true, true, 3, false, 0.5, 200, 1, 2, 1, 2),
                // answerable, not answered (a wrong flag), expected doc not retrieved
                item(2, true, false, 0, false, 0.0, 300, 0, 0, 0, 0),
                // unanswerable, not answered (a right flag)
                item(3, false, false, null, null, null, 400, 0, 0, 0, 0),
                // unanswerable, answered anyway
                item(4, false, true, null, null, null, 500, 0, 1, 0, 1));
        RunMetrics m = RunMetrics.of(run);
        assertEquals(5, m.items());
        assertEquals(0, m.errors());
        assertEquals(0.3333, m.hitAt1()); // 1 of 3
        assertEquals(0.6667, m.hitAt5()); // ranks 1 and 3
        assertEquals(0.4444, m.mrr()); // (1 + 1/3 + 0) / 3
        assertEquals(0.3333, m.containment());
        assertEquals(0.5, m.tokenF1());
        assertEquals(0.6, m.answeredRate());
        assertEquals(0.5, m.unansweredPrecision()); // flagged 2, right 1
        assertEquals(0.5, m.unansweredRecall()); // unanswerable 2, flagged 1
        assertEquals(0.4, m.correct()); // items 0 and 3
        assertEquals(0.6, m.citationPrecision()); // 3 of 5 markers
        assertEquals(0.6, m.groundedness()); // 3 of 5 sentences
        assertEquals(300.0, m.latencyP50Ms());
        assertEquals(500.0, m.latencyP95Ms());
        assertEquals(120.0, m.tokensPerAnswer());
        assertEquals(0.0001, m.costPerAnswerUsd(), 1e-12);
    }

    @Test
    void aSetWithoutExpectedDocumentsOrAnswersLeavesThoseMetricsEmptyNotZero() {
        RunMetrics m = RunMetrics.of(List.of(item(0, true, true, null, null, null, 10, 1, 1, 1, 1)));
        assertNull(m.hitAt1());
        assertNull(m.mrr());
        assertNull(m.containment());
        assertNull(m.unansweredRecall());
        assertEquals(1.0, m.correct());
    }

    @Test
    void answerScoringFollowsSquadNormalization() {
        assertTrue(AnswerScoring.contains("The office opens at 7:15 [1].", "7:15"));
        assertTrue(AnswerScoring.contains("It costs 300 Euros.", "300 euros"));
        assertFalse(AnswerScoring.contains("It costs 3000 euros.", "300 euros"));
        assertEquals(1.0, AnswerScoring.tokenF1("The Eiffel Tower", "eiffel tower"));
        // answer: paris, france (2 tokens); expected: paris (1): precision 1/2, recall 1 -> 2/3
        assertEquals(2.0 / 3, AnswerScoring.tokenF1("Paris, France", "Paris"), 1e-9);
        assertEquals(0.0, AnswerScoring.tokenF1("London", "Paris"));
        assertEquals(2, AnswerScoring.documentRank(List.of(DOC_B, DOC_B, DOC_A), Set.of(DOC_A)));
        assertEquals(0, AnswerScoring.documentRank(List.of(DOC_B), Set.of(DOC_A)));
        assertNull(AnswerScoring.documentRank(List.of(DOC_B), Set.of()));
    }

    @Test
    void aCitationCountsOnlyWhenItsPassageSupportsItsSentence() {
        Passage hours = passage("The Brindlewood office opens at 7:15 and closes at 19:30.");
        Passage parking = passage("Bicycles are parked in the courtyard behind the building.");
        AnswerScoring.Support s = AnswerScoring.support(
                "The Brindlewood office opens at 7:15 [1]. Submarines berth at the harbour [2].",
                List.of(hours, parking),
                0.3);
        assertEquals(new AnswerScoring.Support(1, 2, 1, 2), s);
    }

    private static Passage passage(String content) {
        return new Passage(1, DOC_A, "t", "text/markdown", null, List.of(), content, 1, 0.9);
    }
}
