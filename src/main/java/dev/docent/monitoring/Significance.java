package dev.docent.monitoring;

/**
 * The statistics behind the degradation checks. Rates (answered, thumbs down, citation warnings, fallbacks) are
 * compared with a two-proportion z-test; mean groundedness with a two-sample z-test on means (Welch's standard error,
 * fine at the minimum counts the checks require). A check fires when |z| passes the threshold in the bad direction.
 */
final class Significance {

    private Significance() {}

    /** z of {@code x1/n1} (recent) against {@code x2/n2} (baseline), pooled; 0 when either sample is empty. */
    static double twoProportionZ(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return 0;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double p = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
        return se == 0 ? 0 : (p1 - p2) / se;
    }

    /** z of the difference of two means (recent minus baseline) with their variances and counts. */
    static double meanZ(double m1, double v1, long n1, double m2, double v2, long n2) {
        if (n1 < 2 || n2 < 2) {
            return 0;
        }
        double se = Math.sqrt(v1 / n1 + v2 / n2);
        if (se == 0) {
            return m1 == m2 ? 0 : Math.signum(m1 - m2) * Double.POSITIVE_INFINITY;
        }
        return (m1 - m2) / se;
    }
}
