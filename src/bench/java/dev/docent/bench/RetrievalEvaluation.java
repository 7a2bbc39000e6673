package dev.docent.bench;

import dev.docent.retrieval.Passage;
import dev.docent.retrieval.SearchOptions;
import dev.docent.retrieval.SearchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.jboss.logging.Logger;

/**
 * Runs a {@link RetrievalSet}'s queries through {@link SearchService} with one set of {@link SearchOptions} and scores
 * the ranked documents per query (recall@1/5/10/50, MRR@10, nDCG@10 with binary relevance), so that variants can be
 * compared query by query (paired bootstrap) rather than only by their means.
 */
final class RetrievalEvaluation {

    private static final Logger LOG = Logger.getLogger(RetrievalEvaluation.class);
    static final List<String> METRICS =
            List.of("recallAt1", "recallAt5", "recallAt10", "recallAt50", "mrrAt10", "ndcgAt10");
    private static final int BOOTSTRAP_SAMPLES = 2000;

    /** Per-query scores of one variant, by metric, and its search latencies. */
    record Scores(Map<String, double[]> perQuery, double[] latencyMs) {

        double mean(String metric, IntPredicate queries) {
            double[] values = perQuery.get(metric);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < values.length; i++) {
                if (queries.test(i)) {
                    sum += values[i];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        Map<String, Object> summary(IntPredicate queries) {
            Map<String, Object> out = new LinkedHashMap<>();
            METRICS.forEach(m -> out.put(m, Stats.round(mean(m, queries))));
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < latencyMs.length; i++) {
                if (queries.test(i)) {
                    ms.add(latencyMs[i]);
                }
            }
            out.put("latencyMs", Stats.of(ms).toMap());
            return out;
        }
    }

    private final SearchService search;
    private final Set<String> groups;
    private final int depth;

    /** @param depth passages asked for per query (50 for recall@50) */
    RetrievalEvaluation(SearchService search, Set<String> groups, int depth) {
        this.search = search;
        this.groups = groups;
        this.depth = depth;
    }

    /**
     * Scores of {@code options} over the queries {@code which} selects (others score 0 and take no time);
     * {@code vectors} are the queries' embeddings (null entries in keyword mode), {@code documentOf} maps chunk ids to
     * document ids.
     */
    Scores run(
            RetrievalSet set,
            List<float[]> vectors,
            Map<Long, String> documentOf,
            SearchOptions options,
            IntPredicate which) {
        int n = set.queries().size();
        Map<String, double[]> perQuery = new LinkedHashMap<>();
        METRICS.forEach(m -> perQuery.put(m, new double[n]));
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            if (!which.test(i)) {
                continue;
            }
            RetrievalSet.Query q = set.queries().get(i);
            long start = System.nanoTime();
            List<Passage> passages = search.retrieve(q.text(), vectors.get(i), depth, groups, null, options);
            latency[i] = (System.nanoTime() - start) / 1e6;
            // A variant without a per-document limit may return several chunks of one document: its first counts.
            List<String> ranked = new ArrayList<>(new LinkedHashSet<>(passages.stream()
                    .map(p -> documentOf.getOrDefault(p.chunkId(), "?"))
                    .toList()));
            perQuery.get("recallAt1")[i] = recall(ranked, q.relevant(), 1);
            perQuery.get("recallAt5")[i] = recall(ranked, q.relevant(), 5);
            perQuery.get("recallAt10")[i] = recall(ranked, q.relevant(), 10);
            perQuery.get("recallAt50")[i] = recall(ranked, q.relevant(), 50);
            perQuery.get("mrrAt10")[i] = reciprocalRank(ranked, q.relevant());
            perQuery.get("ndcgAt10")[i] = ndcg(ranked, q.relevant());
        }
        return new Scores(perQuery, latency);
    }

    static double recall(List<String> ranked, Set<String> relevant, int k) {
        long found = ranked.stream().limit(k).filter(relevant::contains).count();
        return found / (double) relevant.size();
    }

    static double reciprocalRank(List<String> ranked, Set<String> relevant) {
        for (int r = 0; r < Math.min(10, ranked.size()); r++) {
            if (relevant.contains(ranked.get(r))) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    static double ndcg(List<String> ranked, Set<String> relevant) {
        double dcg = 0;
        for (int r = 0; r < Math.min(10, ranked.size()); r++) {
            if (relevant.contains(ranked.get(r))) {
                dcg += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(10, relevant.size()); r++) {
            ideal += 1 / log2(r + 2);
        }
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * The mean per-query difference a - b in {@code metric} over the queries {@code which} selects, with a 95 %
     * paired-bootstrap interval (queries resampled with replacement): a difference whose interval excludes 0 is larger
     * than the noise of which queries happened to be asked.
     */
    static Map<String, Object> pairedDifference(Scores a, Scores b, String metric, IntPredicate which) {
        double[] x = a.perQuery().get(metric);
        double[] y = b.perQuery().get(metric);
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (which.test(i)) {
                d.add(x[i] - y[i]);
            }
        }
        double[] diffs = d.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = java.util.Arrays.stream(diffs).average().orElse(Double.NaN);
        Random random = new Random(11);
        double[] means = new double[BOOTSTRAP_SAMPLES];
        for (int s = 0; s < BOOTSTRAP_SAMPLES; s++) {
            double sum = 0;
            for (int i = 0; i < diffs.length; i++) {
                sum += diffs[random.nextInt(diffs.length)];
            }
            means[s] = sum / diffs.length;
        }
        java.util.Arrays.sort(means);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("mean", Stats.round(mean));
        out.put("ci95Low", Stats.round(Stats.percentile(means, 2.5)));
        out.put("ci95High", Stats.round(Stats.percentile(means, 97.5)));
        out.put("queries", diffs.length);
        LOG.debugf("difference %s: %s", metric, out);
        return out;
    }
}
