package dev.docent.answering.extractive;

import static dev.docent.answering.extractive.Fixtures.passage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.retrieval.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A citation stays only where the cited passage supports the sentence. */
class CitationCheckTest {

    private static final Passage HR = passage("HR", "Full-time employees get 25 vacation days per calendar year.", 0.8);
    private static final Passage PARKING =
            passage("Facilities", "There are 40 visitor parking spaces behind building C.", 0.7);

    @Test
    void aSupportedCitationStaysAndAnUnsupportedOneGoes() {
        var checked = CitationCheck.check(
                "Employees get 25 vacation days per year [1]. Visitors park behind building C [1].",
                List.of(HR, PARKING),
                0.5);
        assertEquals("Employees get 25 vacation days per year [1]. Visitors park behind building C.", checked.text());
        assertEquals(List.of(HR), checked.cited());
        assertEquals(1, checked.kept());
        assertEquals(1, checked.removed());
    }

    @Test
    void remainingCitationsAreRenumberedInOrderOfUse() {
        var checked = CitationCheck.check(
                "There are 40 visitor parking spaces [2]. Employees get 25 vacation days [1].",
                List.of(HR, PARKING),
                0.5);
        assertEquals("There are 40 visitor parking spaces [1]. Employees get 25 vacation days [2].", checked.text());
        assertEquals(List.of(PARKING, HR), checked.cited());
    }

    @Test
    void aMarkerOpeningASentenceBelongsToTheOneBefore() {
        var checked = CitationCheck.check("Employees get 25 vacation days. [1] Nothing else.", List.of(HR), 0.5);
        assertEquals("Employees get 25 vacation days. [1] Nothing else.", checked.text());
        assertEquals(1, checked.kept());
    }

    @Test
    void markersOutsideTheCitedListAndEmptyTextAreHandled() {
        var checked = CitationCheck.check("Employees get 25 vacation days [7].", List.of(HR), 0.5);
        assertEquals("Employees get 25 vacation days.", checked.text());
        assertEquals(0, CitationCheck.check("", List.of(HR), 0.5).kept());
        assertEquals("", CitationCheck.check(null, List.of(), 0.5).text());
    }

    @Test
    void supportIsTheShareOfTheSentencesTermsInThePassage() {
        assertEquals(1.0, CitationCheck.support("Employees get 25 vacation days.", HR.content()));
        assertEquals(0.0, CitationCheck.support("Visitors park behind building C.", HR.content()));
        assertEquals(1.0, CitationCheck.support("...", HR.content()));
    }
}
