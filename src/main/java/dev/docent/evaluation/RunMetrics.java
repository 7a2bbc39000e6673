package dev.docent.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The judge-free metrics of a run. A metric an item set cannot measure (no expected documents, no expected answers,
 * no unanswerable items, no model tokens) is null rather than a misleading 0.
 *
 * @param items items answered (errors included)
 * @param errors items that failed to answer
 * @param hitAt1 share of items with expected documents whose first retrieved document is one of them
 * @param mrr mean reciprocal rank of the first expected document
 * @param containment share of items with an expected answer whose answer contains it
 * @param tokenF1 mean token F1 against the expected answer
 * @param answeredRate share of items answered
 * @param unansweredPrecision of the items Docent did not answer, the share that are unanswerable
 * @param unansweredRecall of the unanswerable items, the share Docent did not answer
 * @param correct share of items with the right outcome ({@link ItemResult#correct()})
 * @param citationPrecision share of citation markers whose passage supports their sentence
 * @param groundedness share of answer sentences supported by a passage they cite
 * @param modelAsJudge the judge model's mean score, when the run asked for one (not a judge-free metric: labelled)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunMetrics(
        int items,
        int errors,
        Double hitAt1,
        Double hitAt5,
        Double hitAt10,
        Double mrr,
        Double containment,
        Double tokenF1,
        Double answeredRate,
        Double unansweredPrecision,
        Double unansweredRecall,
        Double correct,
        Double citationPrecision,
        Double groundedness,
        Double latencyP50Ms,
        Double latencyP95Ms,
        Double firstTokenP50Ms,
        Double firstTokenP95Ms,
        Double tokensPerAnswer,
        Double costPerAnswerUsd,
        ModelAsJudge modelAsJudge) {

    /**
     * The mean of a model's scores of the run's answers, labelled {@code model-as-judge} wherever it is shown: a
     * model's opinion, not a measurement.
     *
     * @param score mean score, 0 to 1 (null when no answer could be scored)
     * @param judged answers the model scored
     * @param failed answers it could not score
     */
    public record ModelAsJudge(String label, Double score, int judged, int failed, String promptVersion, String model) {

        static ModelAsJudge of(List<ItemResult> results) {
            List<ItemResult.Judgement> all = results.stream()
                    .map(ItemResult::modelAsJudge)
                    .filter(Objects::nonNull)
                    .toList();
            if (all.isEmpty()) {
                return null;
            }
            double[] scores = all.stream()
                    .map(ItemResult.Judgement::score)
                    .filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            ItemResult.Judgement any = all.getFirst();
            return new ModelAsJudge(
                    ItemResult.Judgement.LABEL,
                    scores.length == 0 ? null : round(Arrays.stream(scores).sum() / scores.length),
                    scores.length,
                    all.size() - scores.length,
                    any.promptVersion(),
                    any.model());
        }
    }

    /** The metrics where higher is better, by name, for comparisons and the regression gate. */
    static final List<String> HIGHER_IS_BETTER = List.of(
            "hitAt1",
            "hitAt5",
            "hitAt10",
            "mrr",
            "containment",
            "tokenF1",
            "unansweredPrecision",
            "unansweredRecall",
            "correct",
            "citationPrecision",
            "groundedness");

    static RunMetrics of(List<ItemResult> results) {
        List<ItemResult> ok = results.stream().filter(r -> r.error() == null).toList();
        List<ItemResult> answered = ok.stream().filter(ItemResult::answered).toList();
        long flagged = ok.stream().filter(r -> !r.answered()).count();
        long unanswerable = ok.stream().filter(r -> !r.answerable()).count();
        long rightFlags =
                ok.stream().filter(r -> !r.answered() && !r.answerable()).count();
        int supported =
                answered.stream().mapToInt(ItemResult::citationsSupported).sum();
        int markers = answered.stream().mapToInt(ItemResult::citationsTotal).sum();
        int grounded = answered.stream().mapToInt(ItemResult::sentencesGrounded).sum();
        int sentences = answered.stream().mapToInt(ItemResult::sentencesTotal).sum();
        double[] latency = ok.stream().mapToDouble(ItemResult::totalMs).sorted().toArray();
        double[] firstToken = ok.stream()
                .map(ItemResult::firstTokenMs)
                .filter(Objects::nonNull)
                .mapToDouble(Long::doubleValue)
                .sorted()
                .toArray();
        return new RunMetrics(
                results.size(),
                results.size() - ok.size(),
                mean(ok, r -> bit(r.hit(1))),
                mean(ok, r -> bit(r.hit(5))),
                mean(ok, r -> bit(r.hit(10))),
                mean(ok, ItemResult::reciprocalRank),
                mean(ok, r -> bit(r.contained())),
                mean(ok, ItemResult::tokenF1),
                ok.isEmpty() ? null : round(answered.size() / (double) ok.size()),
                ratio(rightFlags, flagged),
                ratio(rightFlags, unanswerable),
                mean(results, r -> r.correct() ? 1.0 : 0.0),
                ratio(supported, markers),
                ratio(grounded, sentences),
                percentile(latency, 50),
                percentile(latency, 95),
                percentile(firstToken, 50),
                percentile(firstToken, 95),
                mean(answered, r -> r.tokens() == null ? null : r.tokens().doubleValue()),
                meanCost(answered),
                ModelAsJudge.of(results));
    }

    /** A metric by name (the record component's), or null. */
    Double get(String name) {
        return switch (name) {
            case "hitAt1" -> hitAt1;
            case "hitAt5" -> hitAt5;
            case "hitAt10" -> hitAt10;
            case "mrr" -> mrr;
            case "containment" -> containment;
            case "tokenF1" -> tokenF1;
            case "answeredRate" -> answeredRate;
            case "unansweredPrecision" -> unansweredPrecision;
            case "unansweredRecall" -> unansweredRecall;
            case "correct" -> correct;
            case "citationPrecision" -> citationPrecision;
            case "groundedness" -> groundedness;
            case "latencyP50Ms" -> latencyP50Ms;
            case "latencyP95Ms" -> latencyP95Ms;
            case "firstTokenP50Ms" -> firstTokenP50Ms;
            case "firstTokenP95Ms" -> firstTokenP95Ms;
            case "tokensPerAnswer" -> tokensPerAnswer;
            case "costPerAnswerUsd" -> costPerAnswerUsd;
            default -> null;
        };
    }

    /** Every metric's name, in the order the record lists them. */
    static final List<String> NAMES = List.of(
            "hitAt1",
            "hitAt5",
            "hitAt10",
            "mrr",
            "containment",
            "tokenF1",
            "answeredRate",
            "unansweredPrecision",
            "unansweredRecall",
            "correct",
            "citationPrecision",
            "groundedness",
            "latencyP50Ms",
            "latencyP95Ms",
            "firstTokenP50Ms",
            "firstTokenP95Ms",
            "tokensPerAnswer",
            "costPerAnswerUsd");

    private static Double bit(Boolean b) {
        return b == null ? null : b ? 1.0 : 0.0;
    }

    private static Double mean(List<ItemResult> items, Function<ItemResult, Double> value) {
        double[] v = items.stream()
                .map(value)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .toArray();
        return v.length == 0 ? null : round(Arrays.stream(v).sum() / v.length);
    }

    /** Unrounded: a cheap model's cost per answer is far below 4 decimals of a dollar. */
    private static Double meanCost(List<ItemResult> items) {
        double[] v = items.stream()
                .map(ItemResult::costUsd)
                .filter(Objects::nonNull)
                .mapToDouble(BigDecimal::doubleValue)
                .toArray();
        return v.length == 0 ? null : Arrays.stream(v).sum() / v.length;
    }

    private static Double ratio(long a, long b) {
        return b == 0 ? null : round(a / (double) b);
    }

    /** Nearest-rank percentile of sorted values. */
    static Double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double round(double v) {
        return BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
