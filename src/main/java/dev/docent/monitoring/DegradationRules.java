package dev.docent.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;

/** The test each {@link DegradationCheck} applies to a recent and a baseline window. */
final class DegradationRules {

    private DegradationRules() {}

    static DegradationWatch.Finding evaluate(
            DegradationCheck check, WindowStats recent, WindowStats baseline, DegradationWatch.Settings s) {
        return switch (check) {
            case ANSWERED_RATE ->
                rate(check, recent.answered(), recent.answers(), baseline.answered(), baseline.answers(), s, -1);
            case THUMBS_DOWN_RATE ->
                rate(check, recent.thumbsDown(), recent.rated(), baseline.thumbsDown(), baseline.rated(), s, +1);
            case CITATION_WARNINGS ->
                rate(check, recent.warnings(), recent.answers(), baseline.warnings(), baseline.answers(), s, +1);
            case FALLBACK_RATE ->
                rate(check, recent.fallbacks(), recent.answers(), baseline.fallbacks(), baseline.answers(), s, +1);
            case GROUNDEDNESS -> groundedness(recent, baseline, s);
            case FIRST_TOKEN_P95 ->
                ratio(
                        check,
                        recent.firstTokenP95Ms(),
                        recent.timed(),
                        baseline.firstTokenP95Ms(),
                        baseline.timed(),
                        s,
                        "ms");
            case COST_PER_ANSWER ->
                ratio(
                        check,
                        recent.costPerAnswer(),
                        recent.answers(),
                        baseline.costPerAnswer(),
                        baseline.answers(),
                        s,
                        "dollars");
            case INGESTION_FAILURES -> ingestionFailures(recent, baseline, s);
        };
    }

    /** Two-proportion z-test; {@code bad} is the direction of a degradation (+1 a rise, -1 a drop). */
    private static DegradationWatch.Finding rate(
            DegradationCheck check, long x1, long n1, long x2, long n2, DegradationWatch.Settings s, int bad) {
        boolean decided = n1 >= s.minAnswers() && n2 >= s.minAnswers();
        double z = Significance.twoProportionZ(x1, n1, x2, n2);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("test", "two-proportion z-test, |z| >= " + s.z());
        evidence.put("recent", Map.of("value", share(x1, n1), "count", x1, "of", n1));
        evidence.put("baseline", Map.of("value", share(x2, n2), "count", x2, "of", n2));
        evidence.put("z", round(z));
        return new DegradationWatch.Finding(check, decided, decided && bad * z >= s.z(), evidence);
    }

    /** The failure rate of ingestion attempts, with the recent window's commonest reasons as evidence. */
    private static DegradationWatch.Finding ingestionFailures(
            WindowStats recent, WindowStats baseline, DegradationWatch.Settings s) {
        DegradationWatch.Finding f = rate(
                DegradationCheck.INGESTION_FAILURES,
                recent.ingestionFailures(),
                recent.ingestions(),
                baseline.ingestionFailures(),
                baseline.ingestions(),
                s,
                +1);
        Map<String, Object> evidence = new LinkedHashMap<>(f.evidence());
        evidence.put("reasons", recent.failureReasons());
        return new DegradationWatch.Finding(f.check(), f.decided(), f.degraded(), evidence);
    }

    private static DegradationWatch.Finding groundedness(
            WindowStats recent, WindowStats baseline, DegradationWatch.Settings s) {
        boolean decided = recent.scored() >= s.minAnswers() && baseline.scored() >= s.minAnswers();
        double z = Significance.meanZ(
                recent.groundednessMean(),
                recent.groundednessVariance(),
                recent.scored(),
                baseline.groundednessMean(),
                baseline.groundednessVariance(),
                baseline.scored());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("test", "z-test on means, |z| >= " + s.z());
        evidence.put("recent", Map.of("value", round(recent.groundednessMean()), "of", recent.scored()));
        evidence.put("baseline", Map.of("value", round(baseline.groundednessMean()), "of", baseline.scored()));
        evidence.put("z", Double.isInfinite(z) ? String.valueOf(z) : round(z));
        return new DegradationWatch.Finding(DegradationCheck.GROUNDEDNESS, decided, decided && -z >= s.z(), evidence);
    }

    /** Percentile or mean comparison: degraded when the recent value exceeds the baseline's times the ratio. */
    private static DegradationWatch.Finding ratio(
            DegradationCheck check,
            double recent,
            long n1,
            double baseline,
            long n2,
            DegradationWatch.Settings s,
            String unit) {
        boolean decided = n1 >= s.minAnswers() && n2 >= s.minAnswers() && baseline > 0;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("test", "recent > " + s.ratio() + " x baseline");
        evidence.put("recent", Map.of("value", round(recent), "unit", unit, "of", n1));
        evidence.put("baseline", Map.of("value", round(baseline), "unit", unit, "of", n2));
        return new DegradationWatch.Finding(check, decided, decided && recent > s.ratio() * baseline, evidence);
    }

    private static double share(long x, long n) {
        return n == 0 ? 0 : round((double) x / n);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
