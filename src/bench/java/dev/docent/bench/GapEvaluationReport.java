package dev.docent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Figures of a knowledge-gap evaluation, and the Markdown report with them. */
record GapEvaluationReport(
        double precision,
        double recall,
        double calibratedThreshold,
        double calibratedPrecision,
        double calibratedRecall,
        int clusters,
        int absentArticles,
        double purity,
        int closed,
        int closable,
        String markdown) {

    /** Flag: top similarity under a threshold (or nothing retrieved). */
    static boolean flagged(GapEvaluation.Asked q, double threshold) {
        return q.similarity() == null || q.similarity() < threshold;
    }

    static GapEvaluationReport of(GapEvaluation.Outcome o, String corpus) {
        List<GapEvaluation.Asked> calibration =
                o.asked().stream().filter(GapEvaluation.Asked::calibration).toList();
        List<GapEvaluation.Asked> held =
                o.asked().stream().filter(q -> !q.calibration()).toList();
        // The app's own verdict (answered or not) at the configured threshold, on every question.
        double[] app = precisionRecall(o.asked(), GapEvaluation.Asked::flagged);
        double best = calibrate(calibration);
        double[] heldOut = precisionRecall(held, q -> flagged(q, best));
        double[] heldOutConfigured = precisionRecall(held, q -> flagged(q, o.configuredThreshold()));

        // Clusters formed by the flagged questions; which article each cluster is mostly about.
        Map<Long, Map<Integer, Integer>> articlesByCluster = new HashMap<>();
        for (GapEvaluation.Asked q : o.asked()) {
            Long cluster = o.clusterOf().get(q.messageId());
            if (cluster != null) {
                articlesByCluster.computeIfAbsent(cluster, k -> new HashMap<>()).merge(q.article(), 1, Integer::sum);
            }
        }
        int clustered = articlesByCluster.values().stream()
                .mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .sum();
        int majority = articlesByCluster.values().stream()
                .mapToInt(m ->
                        m.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                .sum();
        double purity = clustered == 0 ? 0 : (double) majority / clustered;
        Set<Integer> absentCovered = new HashSet<>();
        int closable = 0;
        int closed = 0;
        for (var e : articlesByCluster.entrySet()) {
            int article = e.getValue().entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
            if (article % 2 == 1) {
                absentCovered.add(article);
                closable++;
                if ("likely_resolved".equals(o.statusAfterReplay().get(e.getKey()))) {
                    closed++;
                }
            }
        }
        int closedOther = (int) articlesByCluster.entrySet().stream()
                .filter(e -> e.getValue().keySet().stream().allMatch(a -> a % 2 == 0))
                .filter(e -> "likely_resolved".equals(o.statusAfterReplay().get(e.getKey())))
                .count();
        int presentClusters = articlesByCluster.size() - closable;

        List<Double> presentSims = sims(o.asked(), q -> !q.absent());
        List<Double> absentSims = sims(o.asked(), GapEvaluation.Asked::absent);
        StringBuilder md = new StringBuilder();
        md.append("# Knowledge-gap evaluation\n\n");
        md.append("Corpus: ")
                .append(corpus)
                .append(". Articles ingested: ")
                .append(o.articles() - o.absentArticles())
                .append(" (even positions); absent: ")
                .append(o.absentArticles())
                .append(". Questions asked through the")
                .append(" chat service: ")
                .append(o.asked().size())
                .append(" (")
                .append(o.asked().stream().filter(GapEvaluation.Asked::absent).count())
                .append(" about absent articles). A question should be flagged unanswered exactly when its article is")
                .append(" absent.\n\n");
        md.append(
                "## The unanswered flag\n\n| threshold (`docent.answer.min-similarity`) | questions | precision | recall |\n");
        md.append("|---|---|---|---|\n");
        md.append(row(
                "%.2f configured (the app's own answers)".formatted(o.configuredThreshold()),
                o.asked().size(),
                app));
        md.append(row(
                "%.2f configured, held-out half".formatted(o.configuredThreshold()), held.size(), heldOutConfigured));
        md.append(row("%.2f calibrated on the other half (best F1)".formatted(best), held.size(), heldOut));
        md.append("\nTop similarity (question to first retrieved passage): median ")
                .append(fmt(median(presentSims)))
                .append(" for questions about ingested articles, ")
                .append(fmt(median(absentSims)))
                .append(" for absent ones.\n\n");
        md.append("## Clusters\n\n");
        md.append("| figure | value |\n|---|---|\n");
        md.append("| cluster threshold (`docent.gaps.cluster-similarity`) | ")
                .append(fmt(o.clusterThreshold()))
                .append(" |\n");
        md.append("| flagged questions clustered | ").append(clustered).append(" |\n");
        md.append("| clusters | ").append(articlesByCluster.size()).append(" |\n");
        md.append("| absent articles | ").append(o.absentArticles()).append(" |\n");
        md.append("| absent articles that have a cluster (by majority) | ")
                .append(absentCovered.size())
                .append(" |\n");
        md.append("| clusters mostly about an absent article | ")
                .append(closable)
                .append(" |\n");
        md.append("| clusters mostly about an ingested article (false flags) | ")
                .append(presentClusters)
                .append(" |\n");
        md.append("| purity (questions in their cluster's majority article) | ")
                .append(fmt(purity))
                .append(" |\n");
        md.append("\nThe same flagged questions clustered again in this process with the same online rule (nearest")
                .append(" centroid, join at or above the threshold), at other thresholds:\n\n")
                .append(
                        "| cluster threshold | clusters | absent articles with a cluster | purity |\n|---|---|---|---|\n");
        for (double t : new double[] {0.50, 0.55, 0.60, 0.65, 0.70, 0.72, 0.75, 0.80}) {
            md.append(simulate(o, t));
        }
        md.append(
                "\n## Closing by itself\n\nAfter the absent articles were ingested, one replay of the open clusters:\n\n");
        md.append("| figure | value |\n|---|---|\n");
        md.append("| clusters about absent articles now likely resolved | ")
                .append(closed)
                .append(" of ")
                .append(closable)
                .append(" |\n");
        md.append("| clusters of ingested-article questions marked likely resolved (should be 0) | ")
                .append(closedOther)
                .append(" |\n");
        md.append("\n## Time\n\n| phase | seconds |\n|---|---|\n");
        md.append("| ingest present half | ").append(o.ingestPresentSeconds()).append(" |\n");
        md.append("| ask (chat service, recording, clustering) | ")
                .append(o.askSeconds())
                .append(" |\n");
        md.append("| ingest absent half | ").append(o.ingestAbsentSeconds()).append(" |\n");
        md.append("| replay | ").append(o.replaySeconds()).append(" |\n");
        return new GapEvaluationReport(
                app[0],
                app[1],
                best,
                heldOut[0],
                heldOut[1],
                articlesByCluster.size(),
                o.absentArticles(),
                purity,
                closed,
                closable,
                md.toString());
    }

    /** Online clustering of the flagged questions' vectors at {@code threshold}: one table row. */
    static String simulate(GapEvaluation.Outcome o, double threshold) {
        List<float[]> sums = new ArrayList<>();
        List<Map<Integer, Integer>> members = new ArrayList<>();
        for (GapEvaluation.Asked q : o.asked()) {
            float[] v = o.vectors().get(q.messageId());
            if (v == null) {
                continue;
            }
            int best = -1;
            double bestSim = -2;
            for (int c = 0; c < sums.size(); c++) {
                double sim = cosine(sums.get(c), v);
                if (sim > bestSim) {
                    bestSim = sim;
                    best = c;
                }
            }
            if (best < 0 || bestSim < threshold) {
                sums.add(v.clone());
                members.add(new HashMap<>(Map.of(q.article(), 1)));
            } else {
                float[] sum = sums.get(best);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
                members.get(best).merge(q.article(), 1, Integer::sum);
            }
        }
        int total = members.stream()
                .mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .sum();
        int majority = members.stream()
                .mapToInt(m ->
                        m.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                .sum();
        Set<Integer> absentCovered = new HashSet<>();
        for (Map<Integer, Integer> m : members) {
            int article = m.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
            if (article % 2 == 1) {
                absentCovered.add(article);
            }
        }
        return "| " + fmt(threshold) + " | " + members.size() + " | " + absentCovered.size() + " | "
                + fmt(total == 0 ? 0 : (double) majority / total) + " |\n";
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    void write(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The threshold (0.30-0.95, step 0.01) with the best F1 of the unanswered flag. */
    static double calibrate(List<GapEvaluation.Asked> questions) {
        double best = 0.5;
        double bestF1 = -1;
        for (int t = 30; t <= 95; t++) {
            double threshold = t / 100.0;
            double[] pr = precisionRecall(questions, q -> flagged(q, threshold));
            double f1 = pr[0] + pr[1] == 0 ? 0 : 2 * pr[0] * pr[1] / (pr[0] + pr[1]);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = threshold;
            }
        }
        return best;
    }

    /** Precision and recall of a flag that should be raised exactly for questions about absent articles. */
    static double[] precisionRecall(List<GapEvaluation.Asked> questions, Predicate<GapEvaluation.Asked> flag) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (GapEvaluation.Asked q : questions) {
            boolean f = flag.test(q);
            if (f && q.absent()) {
                tp++;
            } else if (f) {
                fp++;
            } else if (q.absent()) {
                fn++;
            }
        }
        return new double[] {tp + fp == 0 ? 0 : (double) tp / (tp + fp), tp + fn == 0 ? 0 : (double) tp / (tp + fn)};
    }

    private static List<Double> sims(List<GapEvaluation.Asked> asked, Predicate<GapEvaluation.Asked> which) {
        List<Double> out = new ArrayList<>();
        for (GapEvaluation.Asked q : asked) {
            if (which.test(q)) {
                out.add(q.similarity() == null ? 0 : q.similarity());
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static double median(List<Double> sorted) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static String row(String label, int n, double[] pr) {
        return "| " + label + " | " + n + " | " + fmt(pr[0]) + " | " + fmt(pr[1]) + " |\n";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
