package dev.docent.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignificanceTest {

    @Test
    void aRiseFromTenToThirtyPercentOverAHundredAnswersEachIsSignificant() {
        // Pooled p = 0.2, se = sqrt(0.2 * 0.8 * 0.02) = 0.0566, z = 0.2 / 0.0566 = 3.54.
        assertEquals(3.54, Significance.twoProportionZ(30, 100, 10, 100), 0.01);
    }

    @Test
    void aSmallChangeOnFewAnswersIsNot() {
        assertTrue(Math.abs(Significance.twoProportionZ(3, 10, 2, 10)) < 1);
    }

    @Test
    void emptyWindowsAndIdenticalConstantMeansGiveZero() {
        assertEquals(0, Significance.twoProportionZ(0, 0, 5, 10));
        assertEquals(0, Significance.twoProportionZ(0, 10, 0, 10));
        assertEquals(0, Significance.meanZ(0.8, 0, 50, 0.8, 0, 50));
    }

    @Test
    void aDropInMeanGroundednessIsANegativeZ() {
        // se = sqrt(0.04/50 + 0.04/50) = 0.04, z = (0.6 - 0.8) / 0.04 = -5.
        assertEquals(-5, Significance.meanZ(0.6, 0.04, 50, 0.8, 0.04, 50), 1e-9);
    }
}
