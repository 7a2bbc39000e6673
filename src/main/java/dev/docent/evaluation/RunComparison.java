package dev.docent.evaluation;

import dev.docent.system.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Run {@code b} against run {@code a} over the same items: what changed, item by item, and whether the change is
 * evidence or noise.
 *
 * @param deltas each metric in both runs and {@code b - a}
 * @param worse items {@code a} got right and {@code b} got wrong ({@link ItemResult#correct()})
 * @param better items {@code b} got right and {@code a} got wrong
 * @param tests paired significance tests, one per outcome
 * @param verdict regression, improvement or no significant change, from the tests
 */
public record RunComparison(
        UUID a,
        UUID b,
        Map<String, Delta> deltas,
        List<Change> worse,
        List<Change> better,
        List<Test> tests,
        String verdict) {

    /** A metric in both runs. */
    public record Delta(Double a, Double b, Double delta, boolean higherIsBetter) {}

    /** One item whose outcome changed. */
    public record Change(int position, String question, boolean answerableExpected, String answerA, String answerB) {}

    /**
     * A paired test.
     *
     * @param kind {@code mcnemar-exact} (binary outcomes) or {@code paired-bootstrap} (continuous ones)
     * @param n items in the test
     * @param onlyA binary tests: items only {@code a} got right
     * @param onlyB binary tests: items only {@code b} got right
     * @param meanDelta continuous tests: mean of {@code b - a}
     * @param low continuous tests: 95% interval of the mean delta
     * @param direction better, worse or same for {@code b}
     */
    public record Test(
            String metric,
            String kind,
            int n,
            Integer onlyA,
            Integer onlyB,
            Double meanDelta,
            Double low,
            Double high,
            double pValue,
            boolean significant,
            String direction) {}

    static RunComparison of(RunStatus a, RunStatus b, int samples, double alpha) {
        List<ItemResult> ia = a.items();
        List<ItemResult> ib = b.items();
        if (ia.size() != ib.size()) {
            throw different();
        }
        for (int i = 0; i < ia.size(); i++) {
            if (ia.get(i).position() != ib.get(i).position()
                    || !ia.get(i).question().equals(ib.get(i).question())) {
                throw different();
            }
        }
        Map<String, Delta> deltas = new LinkedHashMap<>();
        for (String name : RunMetrics.NAMES) {
            Double va = a.metrics().get(name);
            Double vb = b.metrics().get(name);
            deltas.put(
                    name,
                    new Delta(
                            va,
                            vb,
                            va == null || vb == null ? null : RunMetrics.round(vb - va),
                            RunMetrics.HIGHER_IS_BETTER.contains(name)));
        }
        List<Change> worse = new ArrayList<>();
        List<Change> better = new ArrayList<>();
        for (int i = 0; i < ia.size(); i++) {
            ItemResult x = ia.get(i);
            ItemResult y = ib.get(i);
            if (x.correct() && !y.correct()) {
                worse.add(change(x, y));
            } else if (!x.correct() && y.correct()) {
                better.add(change(x, y));
            }
        }
        List<Test> tests = new ArrayList<>();
        tests.add(binary("correct", ia, ib, ItemResult::correct, alpha));
        tests.add(binary("hitAt5", ia, ib, r -> r.hit(5), alpha));
        tests.add(continuous("tokenF1", ia, ib, ItemResult::tokenF1, samples, alpha, true));
        tests.add(continuous("reciprocalRank", ia, ib, ItemResult::reciprocalRank, samples, alpha, true));
        tests.add(continuous(
                "latencyMs", ia, ib, r -> r.error() == null ? (double) r.totalMs() : null, samples, alpha, false));
        List<Test> measured = tests.stream().filter(t -> t.n() > 0).toList();
        boolean regression = measured.stream()
                .anyMatch(t -> t.significant()
                        && t.direction().equals("worse")
                        && !t.metric().equals("latencyMs"));
        boolean improvement = measured.stream()
                .anyMatch(t -> t.significant()
                        && t.direction().equals("better")
                        && !t.metric().equals("latencyMs"));
        String verdict = regression && improvement
                ? "mixed"
                : regression ? "regression" : improvement ? "improvement" : "no significant change";
        return new RunComparison(a.id(), b.id(), deltas, worse, better, measured, verdict);
    }

    private static Change change(ItemResult x, ItemResult y) {
        return new Change(x.position(), x.question(), x.answerable(), x.answer(), y.answer());
    }

    private static Test binary(
            String metric,
            List<ItemResult> a,
            List<ItemResult> b,
            Function<ItemResult, Boolean> outcome,
            double alpha) {
        int n = 0;
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < a.size(); i++) {
            Boolean x = outcome.apply(a.get(i));
            Boolean y = outcome.apply(b.get(i));
            if (x == null || y == null) {
                continue;
            }
            n++;
            onlyA += x && !y ? 1 : 0;
            onlyB += !x && y ? 1 : 0;
        }
        double p = Significance.mcnemarExact(onlyA, onlyB);
        String direction = onlyB > onlyA ? "better" : onlyA > onlyB ? "worse" : "same";
        return new Test(metric, "mcnemar-exact", n, onlyA, onlyB, null, null, null, round(p), p < alpha, direction);
    }

    private static Test continuous(
            String metric,
            List<ItemResult> a,
            List<ItemResult> b,
            Function<ItemResult, Double> value,
            int samples,
            double alpha,
            boolean higherIsBetter) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Double x = value.apply(a.get(i));
            Double y = value.apply(b.get(i));
            if (x != null && y != null) {
                pairs.add(new double[] {x, y});
            }
        }
        double[] xa = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] xb = pairs.stream().mapToDouble(p -> p[1]).toArray();
        Significance.Bootstrap boot = Significance.pairedBootstrap(xa, xb, samples);
        String direction =
                boot.meanDelta() == 0 ? "same" : (boot.meanDelta() > 0) == higherIsBetter ? "better" : "worse";
        return new Test(
                metric,
                "paired-bootstrap",
                pairs.size(),
                null,
                null,
                RunMetrics.round(boot.meanDelta()),
                RunMetrics.round(boot.low()),
                RunMetrics.round(boot.high()),
                round(boot.pValue()),
                boot.pValue() < alpha,
                direction);
    }

    private static double round(double p) {
        return Objects.requireNonNull(RunMetrics.round(p));
    }

    private static InvalidInputException different() {
        return new InvalidInputException(
                400, "The two runs answered different items: compare runs of the same set, unchanged between them.");
    }
}
