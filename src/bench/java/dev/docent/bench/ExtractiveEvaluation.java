package dev.docent.bench;

import dev.docent.answering.AnswerConfig;
import dev.docent.answering.extractive.AnswerabilityScore;
import dev.docent.answering.extractive.CitationCheck;
import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.answering.extractive.SentenceChoice;
import dev.docent.embedding.Embedder;
import dev.docent.llm.Answer;
import dev.docent.retrieval.Passage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The extractive answerer measured before and after issue 10 on questions whose passages were retrieved under
 * conditions: the knowledge base as ingested ({@code present}), without the passage that answers ({@code hard}: the
 * gold paragraph or the cited abstracts removed, related text still there), and without the question's whole article
 * ({@code easy}). Answers to present questions should contain a gold answer; the others should be flagged unanswered.
 */
final class ExtractiveEvaluation {

    private static final Logger LOG = Logger.getLogger(ExtractiveEvaluation.class);

    /**
     * One question and its passages under each condition.
     *
     * @param calibration in the half used to fit weights and coefficients (the other half reports)
     * @param correct whether an answer to the present question is right (contains a gold answer)
     * @param gold whether a passage supports the gold answer (for citation precision)
     * @param statement the question's answer as a statement, for the citation check's pairs
     * @param easy null when the set has no easy condition
     */
    record Case(
            String question,
            boolean calibration,
            Predicate<Answer> correct,
            Predicate<Passage> gold,
            String statement,
            List<Passage> present,
            List<Passage> hard,
            List<Passage> easy) {}

    private final Embedder embedder;
    private final AnswerConfig config;

    ExtractiveEvaluation(Embedder embedder, AnswerConfig config) {
        this.embedder = new CachingEmbedder(embedder);
        this.config = config;
    }

    /**
     * Before and after on the report half of one data set, the flag of a score refitted on SQuAD's calibration half
     * ({@code fitted}, may be null), and the citation check's levels.
     */
    Map<String, Object> run(String name, List<Case> cases, Logistic fitted) {
        List<Case> report = cases.stream().filter(c -> !c.calibration()).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("questions", cases.size());
        out.put("reportedOn", report.size());
        LegacyExtractive legacy = new LegacyExtractive(embedder);
        long t0 = System.nanoTime();
        out.put("before", measure(report, legacy::answer));
        LOG.infof("%s before: %s (%.0f s)", name, out.get("before"), (System.nanoTime() - t0) / 1e9);
        ExtractiveAnswerer after = new ExtractiveAnswerer(
                embedder, config, new AnswerabilityScore(config.minAnswerability(), config.passages()));
        t0 = System.nanoTime();
        out.put("after", measure(report, after::answer));
        LOG.infof("%s after: %s (%.0f s)", name, out.get("after"), (System.nanoTime() - t0) / 1e9);
        if (fitted != null) {
            out.put("fittedScore", flags(report, fitted));
        }
        out.put("citationCheck", citationCheck(report));
        return out;
    }

    /** Containment, answered rate, citation precision and the unanswered flag's precision/recall for one answerer. */
    static Map<String, Object> measure(List<Case> cases, BiFunction<String, List<Passage>, Answer> answerer) {
        int answered = 0;
        int correct = 0;
        int citations = 0;
        int goldCitations = 0;
        int flaggedPresent = 0;
        int flaggedHard = 0;
        int flaggedEasy = 0;
        int easy = 0;
        for (Case c : cases) {
            Answer a = answerer.apply(c.question(), c.present());
            if (a.answered()) {
                answered++;
                correct += c.correct().test(a) ? 1 : 0;
                citations += a.cited().size();
                goldCitations += (int) a.cited().stream().filter(c.gold()).count();
            } else {
                flaggedPresent++;
            }
            flaggedHard += answerer.apply(c.question(), c.hard()).answered() ? 0 : 1;
            if (c.easy() != null) {
                easy++;
                flaggedEasy += answerer.apply(c.question(), c.easy()).answered() ? 0 : 1;
            }
        }
        int n = cases.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answeredRate", ratio(answered, n));
        m.put("containment", ratio(correct, n));
        m.put("containmentWhenAnswered", ratio(correct, answered));
        m.put("citationPrecision", ratio(goldCitations, citations));
        m.put("hard", precisionRecall(flaggedHard, n, flaggedPresent));
        if (easy > 0) {
            m.put("easy", precisionRecall(flaggedEasy, easy, flaggedPresent * easy / (double) n));
        }
        return m;
    }

    /**
     * Rows to fit the answerability score on: present questions answerable, the hard and easy ones not. Each set's
     * calibration half weighs the same in total, so the score fits both kinds of text, not the larger set's.
     */
    @SafeVarargs
    static Logistic fit(List<Case>... sets) {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (List<Case> set : sets) {
            List<Case> calibration = set.stream().filter(Case::calibration).toList();
            if (calibration.isEmpty()) {
                continue;
            }
            double share = 100.0 / calibration.size();
            for (Case c : calibration) {
                x.add(signals(c.question(), c.present()));
                y.add(1);
                w.add(share);
                // The negatives weigh as much as the positives together: a 50 % prior, so 0.5 is the neutral
                // threshold.
                double negative = (c.easy() == null ? 1.0 : 0.5) * share;
                x.add(signals(c.question(), c.hard()));
                y.add(0);
                w.add(negative);
                if (c.easy() != null) {
                    x.add(signals(c.question(), c.easy()));
                    y.add(0);
                    w.add(negative);
                }
            }
        }
        return Logistic.fit(x, y, w);
    }

    private static double[] signals(String question, List<Passage> passages) {
        return AnswerabilityScore.signals(question, passages.stream().limit(5).toList())
                .vector();
    }

    /** The unanswered flag of a fitted score alone (probability under 0.5). */
    private static Map<String, Object> flags(List<Case> cases, Logistic model) {
        int flaggedPresent = 0;
        int flaggedHard = 0;
        int flaggedEasy = 0;
        int easy = 0;
        for (Case c : cases) {
            flaggedPresent += model.probability(signals(c.question(), c.present())) < 0.5 ? 1 : 0;
            flaggedHard += model.probability(signals(c.question(), c.hard())) < 0.5 ? 1 : 0;
            if (c.easy() != null) {
                easy++;
                flaggedEasy += model.probability(signals(c.question(), c.easy())) < 0.5 ? 1 : 0;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hard", precisionRecall(flaggedHard, cases.size(), flaggedPresent));
        if (easy > 0) {
            m.put("easy", precisionRecall(flaggedEasy, easy, flaggedPresent * easy / (double) cases.size()));
        }
        m.put("answerablePresentFlagged", ratio(flaggedPresent, cases.size()));
        return m;
    }

    /** Containment of the sentence choice alone (no answerability gate) for each weight set, on the calibration half. */
    Map<String, Object> sweepWeights(List<Case> cases, List<SentenceChoice.Weights> grid) {
        List<Case> calibration = cases.stream().filter(Case::calibration).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        for (SentenceChoice.Weights w : grid) {
            ExtractiveAnswerer answerer = new ExtractiveAnswerer(
                    embedder, config, new AnswerabilityScore(config.minAnswerability(), config.passages()), w);
            int correct = 0;
            for (Case c : calibration) {
                Answer a = answerer.compose(c.question(), c.present());
                correct += a.answered() && c.correct().test(a) ? 1 : 0;
            }
            out.put("coverage " + w.coverage() + ", type " + w.type(), ratio(correct, calibration.size()));
        }
        LOG.infof("sentence weights: %s", out);
        return out;
    }

    /**
     * The citation check's level: a statement of the gold answer against the passage that holds it (should keep its
     * citation) and against the best-ranked passage that does not (should lose it).
     */
    private static Map<String, Object> citationCheck(List<Case> cases) {
        List<Double> supported = new ArrayList<>();
        List<Double> unsupported = new ArrayList<>();
        for (Case c : cases) {
            c.present().stream()
                    .filter(c.gold())
                    .findFirst()
                    .ifPresent(p -> supported.add(CitationCheck.support(c.statement(), p.content())));
            c.present().stream()
                    .filter(c.gold().negate())
                    .findFirst()
                    .ifPresent(p -> unsupported.add(CitationCheck.support(c.statement(), p.content())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("supportedPairs", supported.size());
        out.put("unsupportedPairs", unsupported.size());
        out.put("supportMedian", Stats.of(supported).median());
        out.put("unsupportedMedian", Stats.of(unsupported).median());
        Map<String, Object> levels = new LinkedHashMap<>();
        for (int i = 2; i <= 9; i++) {
            double level = i / 10.0;
            long keptGood = supported.stream().filter(s -> s >= level).count();
            long keptBad = unsupported.stream().filter(s -> s >= level).count();
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("precision", ratio((int) keptGood, (int) (keptGood + keptBad)));
            l.put("recall", ratio((int) keptGood, supported.size()));
            levels.put(String.valueOf(level), l);
        }
        out.put("levels", levels);
        return out;
    }

    /**
     * Precision and recall of the flag on one set: {@code flagged} of {@code n} questions that should be flagged, and
     * {@code falseFlags} answerable questions flagged (scaled to the same number of questions).
     */
    private static Map<String, Object> precisionRecall(int flagged, int n, double falseFlags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", flagged + falseFlags == 0 ? Double.NaN : Stats.round(flagged / (flagged + falseFlags)));
        m.put("recall", ratio(flagged, n));
        return m;
    }

    static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : Stats.round(a / (double) b);
    }
}
