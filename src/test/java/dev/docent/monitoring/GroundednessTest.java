package dev.docent.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GroundednessTest {

    static final double MIN_SUPPORT = 0.3;
    static final Passage CANTEEN =
            passage("The canteen serves lunch from 11:30 to 14:00 on working days. Breakfast is on the terrace.");
    static final Passage PARKING = passage("Visitors park in the north car park, level two.");

    @Test
    void everySentenceCitingAPassageThatSupportsItScoresOne() {
        assertEquals(
                1.0,
                Groundedness.of(
                        "Lunch is served from 11:30 to 14:00 [1]. Visitors park in the north car park [2].",
                        List.of(CANTEEN, PARKING),
                        MIN_SUPPORT));
    }

    @Test
    void anUncitedSentenceAndOneCitingTheWrongPassageCountAgainstIt() {
        assertEquals(
                0.25,
                Groundedness.of(
                        "Lunch is served from 11:30 to 14:00 [1]. Breakfast is free for everyone. "
                                + "Lunch is served on working days [2]. The moon orbits quietly [1].",
                        List.of(CANTEEN, PARKING),
                        MIN_SUPPORT),
                1e-9);
    }

    @Test
    void aMarkerOpeningTheNextSentenceBelongsToThePreviousOne() {
        assertEquals(
                1.0, Groundedness.of("Lunch is served from 11:30 to 14:00. [1] Yes.", List.of(CANTEEN), MIN_SUPPORT));
    }

    @Test
    void markersBeyondTheCitedPassagesSupportNothing() {
        assertEquals(0.0, Groundedness.of("Lunch is served from 11:30 [7].", List.of(CANTEEN), MIN_SUPPORT));
    }

    @Test
    void emptyTextHasNoScore() {
        assertNull(Groundedness.of("", List.of(CANTEEN), MIN_SUPPORT));
        assertNull(Groundedness.of(null, List.of(), MIN_SUPPORT));
    }

    private static Passage passage(String content) {
        return new Passage(1L, UUID.randomUUID(), "Doc", "text/markdown", null, List.of(), content, 1.0, 0.9);
    }
}
