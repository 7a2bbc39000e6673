package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the user sees of a model's streamed answer: only citations of passages that were sent, renumbered. */
class CitationFilterTest {

    final List<String> shown = new ArrayList<>();

    CitationFilter filter(int sent, String... pieces) {
        CitationFilter filter = new CitationFilter(sent, shown::add);
        for (String piece : pieces) {
            filter.accept(piece);
        }
        filter.finish();
        return filter;
    }

    @Test
    void markersSplitAcrossPiecesArriveWhole() {
        CitationFilter f = filter(3, "Lunch is at noon [", "2", "]. Dinner at six [3", "]");
        assertEquals("Lunch is at noon [1]. Dinner at six [2]", f.text());
        assertEquals(List.of(1, 2), f.cited(), "passages 2 and 3 (0-based 1 and 2), in order of use");
        assertTrue(
                shown.stream().noneMatch(s -> s.contains("[") && !s.contains("]")), "no half marker shown: " + shown);
    }

    @Test
    void aNumberThatWasNotSentIsRemovedWithItsSpace() {
        CitationFilter f = filter(2, "It is twelve [4]. It expires in March [2, 5].");
        assertEquals("It is twelve. It expires in March [1].", f.text());
        assertEquals(List.of(1), f.cited());
        assertFalse(String.join("", shown).contains("4"), "the made-up number never reached the user");
    }

    @Test
    void severalNumbersInOneMarkerBecomeSeparateMarkers() {
        assertEquals("A [1][2]. B [2].", filter(3, "A [3, 1]. B [1].").text());
    }

    @Test
    void theSignalAtTheStartWithholdsTheAnswer() {
        CitationFilter f = filter(2, "NOT", "_IN", "_KB");
        assertTrue(f.notInKnowledgeBase());
        assertEquals("", f.text());
        assertTrue(shown.isEmpty(), "nothing shown: " + shown);
    }

    @Test
    void theSignalInDecorationIsStillRecognized() {
        assertTrue(filter(2, "`NOT_IN_KB`").notInKnowledgeBase());
    }

    @Test
    void aWordStartingLikeTheSignalIsNotHeldForever() {
        CitationFilter f = filter(1, "No", "te: lunch is at noon [1].");
        assertFalse(f.notInKnowledgeBase());
        assertEquals("Note: lunch is at noon [1].", f.text());
    }

    @Test
    void theSignalAfterAnAnswerIsRemoved() {
        CitationFilter f = filter(2, "Lunch is at noon [1]. NOT_IN_KB");
        assertEquals("Lunch is at noon [1].", f.text());
        assertFalse(f.notInKnowledgeBase(), "an answer with a citation stands");
    }

    @Test
    void anUnfinishedMarkerAtTheEndIsDropped() {
        assertEquals(
                "Lunch is at noon [1]. See also",
                filter(2, "Lunch is at noon [1]. See also [2").text());
    }

    @Test
    void bracketsThatAreNotMarkersPassThrough() {
        assertEquals(
                "Use the form [HR-12] today [1].",
                filter(1, "Use the form [HR-12] today [1].").text());
    }
}
