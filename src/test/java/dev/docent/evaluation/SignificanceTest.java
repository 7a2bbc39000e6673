package dev.docent.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The paired tests against values computed by hand (binomial tails) and obvious cases. */
class SignificanceTest {

    @Test
    void mcnemarExactMatchesTheBinomialTail() {
        assertEquals(1.0, Significance.mcnemarExact(0, 0));
        // n = 6, k = 0: 2 * (1/2)^6
        assertEquals(0.03125, Significance.mcnemarExact(6, 0), 1e-12);
        // n = 5, k = 0: 2 * (1/2)^5 = 0.0625, not significant at 0.05
        assertEquals(0.0625, Significance.mcnemarExact(0, 5), 1e-12);
        // n = 10, k = 2: 2 * (1 + 10 + 45) / 1024
        assertEquals(112.0 / 1024, Significance.mcnemarExact(2, 8), 1e-12);
        assertEquals(1.0, Significance.mcnemarExact(4, 4));
    }

    @Test
    void mcnemarStaysFiniteForLargeRuns() {
        double p = Significance.mcnemarExact(1500, 1400);
        assertTrue(p > 0 && p < 1, "p = " + p);
    }

    @Test
    void pairedBootstrapFindsAConsistentDropAndNotNoise() {
        double[] a = new double[30];
        double[] b = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = 0.8 + (i % 3) * 0.05;
            b[i] = a[i] - 0.3;
        }
        Significance.Bootstrap drop = Significance.pairedBootstrap(a, b, 2000);
        assertEquals(-0.3, drop.meanDelta(), 1e-9);
        assertTrue(drop.pValue() < 0.01, "p = " + drop.pValue());
        double[] c = new double[30];
        for (int i = 0; i < 30; i++) {
            c[i] = a[i] + (i % 2 == 0 ? 0.1 : -0.1);
        }
        Significance.Bootstrap noise = Significance.pairedBootstrap(a, c, 2000);
        assertTrue(noise.pValue() > 0.5, "p = " + noise.pValue());
        assertTrue(noise.low() < 0 && noise.high() > 0);
    }
}
