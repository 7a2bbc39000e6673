package dev.docent.answering.extractive;

import dev.docent.answering.AnswerConfig;
import dev.docent.answering.AnswerThresholds;
import dev.docent.answering.AnswerVariant;
import dev.docent.retrieval.Passage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Whether the retrieved passages answer a question, as one calibrated probability from several signals: how similar the
 * best passage is, how far it stands above the next, how many of the question's content words the passages and their
 * best sentence contain, and whether a sentence offers an answer of the asked type. One similarity threshold could not
 * tell "the article is here but not this fact" from "this is the fact": see README, Extractive answers. A pure function
 * of the question and the passages (no model, no database), so chat, the JSON API and gap replays can all use it.
 */
@Singleton
public class AnswerabilityScore {

    // Logistic regression, fitted by make bench-answer (ExtractiveAnswerBench, run of 2026-12-03) on 150 SQuAD dev
    // questions: asked with their article present (answerable) against the same questions with their gold paragraph
    // removed (hard) and with their article absent (easy), negatives weighted to a 50 % prior. The bench prints the
    // refitted values each run; change them together. The answer-type signal came out near zero: beside keyword
    // coverage it adds nothing on SQuAD (kept, so the fit can use it on other data).
    static final double INTERCEPT = -9.168;
    static final double BEST_SIMILARITY = 7.754;
    static final double MARGIN = 6.317;
    static final double COVERAGE = 3.754;
    static final double SENTENCE_COVERAGE = 2.902;
    static final double TYPE_MATCH = -0.167;

    /**
     * The signals behind a score; each is also meaningful alone.
     *
     * @param bestSimilarity highest cosine similarity of the question to a passage (0 without a vector search)
     * @param margin how far that passage's similarity stands above the next one's
     * @param coverage the largest share of the question's content terms found in one passage
     * @param sentenceCoverage the largest share found in one quotable sentence
     * @param typeMatch +1 when a sentence holding the question's terms offers an answer of the asked type, -1 when the
     *     question asks for a type (a number, a date, a name) that no such sentence offers, 0 for other questions
     */
    public record Signals(
            double bestSimilarity, double margin, double coverage, double sentenceCoverage, double typeMatch) {

        /** The signals as the regression's inputs, in the order of its coefficients. */
        public double[] vector() {
            return new double[] {bestSimilarity, margin, coverage, sentenceCoverage, typeMatch};
        }
    }

    /**
     * The verdict on a question.
     *
     * @param score the probability (0 to 1) that the passages answer the question
     * @param answerable whether the score reaches the configured {@code docent.answer.min-answerability}
     */
    public record Answerability(double score, boolean answerable, Signals signals) {}

    private final DoubleSupplier threshold;
    private final int passages;

    /** The threshold in force: configured, or applied from a calibration ({@link AnswerThresholds}). */
    @Inject
    public AnswerabilityScore(AnswerConfig config, AnswerThresholds thresholds) {
        this(thresholds::minAnswerability, config.passages());
    }

    public AnswerabilityScore(AnswerConfig config) {
        this(config.minAnswerability(), config.passages());
    }

    /**
     * @param threshold the least score that counts as answerable
     * @param passages how many of the best passages the signals look at
     */
    public AnswerabilityScore(double threshold, int passages) {
        if (threshold < 0 || threshold > 1 || passages < 1) {
            throw new IllegalArgumentException("threshold must be in [0, 1] and passages at least 1");
        }
        this.threshold = () -> threshold;
        this.passages = passages;
    }

    private AnswerabilityScore(DoubleSupplier threshold, int passages) {
        this.threshold = threshold;
        this.passages = passages;
    }

    /** Whether {@code retrieved} (best first, as retrieval returned them) answers {@code question}. */
    public Answerability assess(String question, List<Passage> retrieved) {
        Signals s = signals(question, retrieved.stream().limit(passages).toList());
        double score = probability(s);
        double least =
                AnswerVariant.current().map(AnswerVariant::minAnswerability).orElseGet(threshold::getAsDouble);
        return new Answerability(score, score >= least, s);
    }

    /** The signals of {@code question} over {@code passages}; no embedding is computed. */
    public static Signals signals(String question, List<Passage> passages) {
        if (passages.isEmpty()) {
            return new Signals(0, 0, 0, 0, AnswerType.of(question) == AnswerType.OTHER ? 0 : -1);
        }
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (Passage p : passages) {
            double s = p.similarity();
            if (s > best) {
                second = best;
                best = s;
            } else if (s > second) {
                second = s;
            }
        }
        double margin = second == Double.NEGATIVE_INFINITY ? 0 : best - second;
        Set<String> asked = Terms.of(question);
        double coverage = 0;
        for (Passage p : passages) {
            coverage = Math.max(coverage, Terms.coverage(asked, Terms.of(p.content())));
        }
        List<SentenceChoice.Scored> ranked = SentenceChoice.rank(
                question, SentenceChoice.candidates(passages), null, SentenceChoice.Weights.DEFAULT);
        double sentenceCoverage = ranked.stream()
                .mapToDouble(SentenceChoice.Scored::coverage)
                .max()
                .orElse(0);
        double typeMatch = 0;
        if (AnswerType.of(question) != AnswerType.OTHER) {
            // A typed answer counts in a sentence holding at least half as many question terms as the best one.
            boolean found = ranked.stream()
                    .anyMatch(s -> s.typeMatch() && s.coverage() > 0 && s.coverage() >= sentenceCoverage / 2);
            typeMatch = found ? 1 : -1;
        }
        return new Signals(best, margin, coverage, sentenceCoverage, typeMatch);
    }

    /** The calibrated probability that passages with these signals answer the question. */
    public static double probability(Signals s) {
        double z = INTERCEPT
                + BEST_SIMILARITY * s.bestSimilarity()
                + MARGIN * s.margin()
                + COVERAGE * s.coverage()
                + SENTENCE_COVERAGE * s.sentenceCoverage()
                + TYPE_MATCH * s.typeMatch();
        return 1 / (1 + Math.exp(-z));
    }
}
