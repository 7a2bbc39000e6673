package dev.docent.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Paired significance tests for two runs over the same items. */
final class Significance {

    private Significance() {}

    /**
     * The exact (binomial) McNemar test: two-sided p-value that the items only {@code a} got right and those only
     * {@code b} got right differ by chance alone.
     */
    static double mcnemarExact(int onlyA, int onlyB) {
        int n = onlyA + onlyB;
        if (n == 0) {
            return 1;
        }
        int k = Math.min(onlyA, onlyB);
        // Binomial(n, 1/2) tail in log space: 2^-n underflows a double beyond n = 1074.
        double logPmf = -n * Math.log(2);
        double tail = Math.exp(logPmf);
        for (int i = 1; i <= k; i++) {
            logPmf += Math.log((n - i + 1) / (double) i);
            tail += Math.exp(logPmf);
        }
        return Math.min(1, 2 * tail);
    }

    /**
     * A paired bootstrap of the mean difference {@code b - a}: its 95% interval and the two-sided p-value of "no
     * difference" (twice the share of resampled means on the far side of zero). Seeded, so a comparison reads the same
     * every time.
     */
    record Bootstrap(double meanDelta, double low, double high, double pValue) {}

    static Bootstrap pairedBootstrap(double[] a, double[] b, int samples) {
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
        }
        double mean = Arrays.stream(d).average().orElse(0);
        if (n == 0 || Arrays.stream(d).allMatch(v -> v == 0)) {
            return new Bootstrap(0, 0, 0, 1);
        }
        SplittableRandom random = new SplittableRandom(20261203L);
        double[] means = new double[samples];
        int atOrBelow = 0;
        int atOrAbove = 0;
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[random.nextInt(n)];
            }
            means[s] = sum / n;
            atOrBelow += means[s] <= 0 ? 1 : 0;
            atOrAbove += means[s] >= 0 ? 1 : 0;
        }
        Arrays.sort(means);
        double p = Math.min(1, 2.0 * Math.min(atOrBelow, atOrAbove) / samples);
        return new Bootstrap(mean, RunMetrics.percentile(means, 2.5), RunMetrics.percentile(means, 97.5), p);
    }
}
