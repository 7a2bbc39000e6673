package dev.docent.evaluation;

import dev.docent.answering.AnswerThresholds;
import dev.docent.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The threshold that best separates a set's answerable items from its unanswerable ones, from the scores a run
 * recorded, with the precision/recall curve behind it. Best means the highest balanced accuracy (the mean of the
 * recall on answerable and on unanswerable items), so a set with few unanswerable items still counts them; the value
 * proposed is the midpoint between the best cut's score and the next lower one, not a score that sits on an item.
 *
 * @param name the threshold ({@code min-answerability} or {@code min-similarity})
 * @param current the value in force now
 * @param best the point on the curve proposed
 * @param recommended the value to apply
 * @param curve one point per distinct score, lowest threshold first
 */
public record Calibration(
        String name,
        java.util.UUID runId,
        int answerable,
        int unanswerable,
        double current,
        Point best,
        double recommended,
        List<Point> curve) {

    /**
     * One threshold and what it would have done on the set: precision and recall of answering (answerable items are
     * the positives) and of the "not answered" flag (unanswerable items are the positives).
     */
    public record Point(
            double threshold,
            double answeredPrecision,
            double answeredRecall,
            double unansweredPrecision,
            double unansweredRecall,
            double balancedAccuracy) {}

    static Calibration of(String name, RunStatus run, double current) {
        Function<ItemResult, Double> score = switch (name) {
            case AnswerThresholds.MIN_ANSWERABILITY -> ItemResult::answerability;
            case AnswerThresholds.MIN_SIMILARITY -> ItemResult::topSimilarity;
            default ->
                throw new InvalidInputException(
                        400, "Calibrate 'threshold=min-answerability' or 'threshold=min-similarity'.");
        };
        List<double[]> scored = new ArrayList<>();
        for (ItemResult item : run.items()) {
            Double s = score.apply(item);
            if (item.error() == null) {
                // An item retrieval found nothing for never reaches any threshold.
                scored.add(new double[] {s == null ? Double.NEGATIVE_INFINITY : s, item.answerable() ? 1 : 0});
            }
        }
        int positives = (int) scored.stream().filter(s -> s[1] == 1).count();
        int negatives = scored.size() - positives;
        if (positives == 0 || negatives == 0) {
            throw new InvalidInputException(
                    400,
                    "Calibration needs answerable and unanswerable items; this run has " + positives
                            + " answerable and " + negatives + " unanswerable.");
        }
        TreeSet<Double> cuts = new TreeSet<>();
        scored.stream().filter(s -> s[0] != Double.NEGATIVE_INFINITY).forEach(s -> cuts.add(s[0]));
        List<Point> curve = new ArrayList<>();
        for (double t : cuts) {
            curve.add(point(t, scored, positives, negatives));
        }
        // Above every score: nothing is answered.
        double top = cuts.isEmpty() ? 1 : cuts.last() + 0.001;
        curve.add(point(top, scored, positives, negatives));
        Point best = curve.getFirst();
        for (Point p : curve) {
            if (p.balancedAccuracy() > best.balancedAccuracy()) {
                best = p;
            }
        }
        Double below = cuts.lower(best.threshold());
        double recommended = below == null ? best.threshold() : (best.threshold() + below) / 2;
        double low = name.equals(AnswerThresholds.MIN_SIMILARITY) ? -1 : 0;
        recommended = Math.max(low, Math.min(1, Math.round(recommended * 1000) / 1000.0));
        return new Calibration(name, run.id(), positives, negatives, current, best, recommended, curve);
    }

    private static Point point(double t, List<double[]> scored, int positives, int negatives) {
        int tp = 0;
        int fp = 0;
        for (double[] s : scored) {
            if (s[0] >= t) {
                tp += s[1] == 1 ? 1 : 0;
                fp += s[1] == 1 ? 0 : 1;
            }
        }
        int fn = positives - tp;
        int tn = negatives - fp;
        return new Point(
                RunMetrics.round(t),
                tp + fp == 0 ? 1 : RunMetrics.round(tp / (double) (tp + fp)),
                RunMetrics.round(tp / (double) positives),
                tn + fn == 0 ? 1 : RunMetrics.round(tn / (double) (tn + fn)),
                RunMetrics.round(tn / (double) negatives),
                RunMetrics.round((tp / (double) positives + tn / (double) negatives) / 2));
    }
}
