package dev.docent.bench;

import dev.docent.embedding.Embedder;
import dev.docent.embedding.InProcessModels;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.RetrievalConfig.Fusion;
import dev.docent.retrieval.RetrievalConfig.KeywordScore;
import dev.docent.retrieval.RetrievalConfig.Mode;
import dev.docent.retrieval.SearchOptions;
import dev.docent.retrieval.SearchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.jboss.logging.Logger;

/**
 * The variants of one set, measured against each other: which keyword ranking, which fusion (the weighted sum's weight
 * chosen on the even-numbered queries, reported on the odd-numbered), query instruction on and off, and the default
 * against vector-only and keyword-only search with paired-bootstrap intervals.
 */
final class RetrievalComparison {

    private static final Logger LOG = Logger.getLogger(RetrievalComparison.class);
    private static final List<Double> WEIGHTS = weights();
    private static final List<Fusion> FUSIONS = fusions();
    private static final String SELECT_BY = "ndcgAt10";
    private static final List<String> COMPARED = List.of("ndcgAt10", "recallAt1", "recallAt10", "mrrAt10");
    private static final int LATENCY_QUERIES = 400;
    private static final IntPredicate ALL = i -> true;
    private static final IntPredicate TUNE = i -> i % 2 == 0;
    private static final IntPredicate REPORT = i -> i % 2 == 1;

    private final SearchService search;
    private final Embedder embedder;
    private final EmbeddingCache cache;
    private final RetrievalConfig config;

    RetrievalComparison(SearchService search, Embedder embedder, EmbeddingCache cache, RetrievalConfig config) {
        this.search = search;
        this.embedder = embedder;
        this.cache = cache;
        this.config = config;
    }

    Map<String, Object> run(RetrievalSet set, Map<Long, String> documentOf, String group, int depth) {
        RetrievalEvaluation evaluation = new RetrievalEvaluation(search, Set.of(group), depth);
        List<String> texts =
                set.queries().stream().map(RetrievalSet.Query::text).toList();
        List<float[]> plain = cache.embedAll(texts);
        String instruction = embedder.queryInstruction().isEmpty()
                ? (embedder.modelName().equals(InProcessModels.BGE_SMALL) ? InProcessModels.BGE_QUERY_INSTRUCTION : "")
                : embedder.queryInstruction();
        List<float[]> instructed = instruction.isEmpty()
                ? plain
                : cache.embedAll(texts.stream().map(t -> instruction + t).toList());
        boolean defaultInstructed = !embedder.queryInstruction().isEmpty();
        List<float[]> defaultVectors = defaultInstructed ? instructed : plain;
        List<float[]> none = new ArrayList<>();
        texts.forEach(t -> none.add(null));

        SearchOptions base = SearchOptions.of(config);
        SearchOptions before = base.withKeywordScore(KeywordScore.AND_RANK_CD)
                .withFusion(Fusion.RRF, base.vectorWeight())
                .withChunksPerDocument(0);
        Map<String, RetrievalEvaluation.Scores> scores = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        var measure = new Object() {
            RetrievalEvaluation.Scores of(String name, String description, List<float[]> vectors, SearchOptions o) {
                long start = System.nanoTime();
                var s = evaluation.run(set, vectors, documentOf, o, ALL);
                scores.put(name, s);
                descriptions.put(name, description);
                LOG.infof("%s %s: %s (%.0f s)", set.name(), name, s.summary(ALL), (System.nanoTime() - start) / 1e9);
                return s;
            }
        };
        measure.of("vector", "vector only, no query instruction", plain, base.withMode(Mode.VECTOR));
        if (instructed != plain) {
            measure.of("vector+instruction", "vector only, query instruction", instructed, base.withMode(Mode.VECTOR));
        }
        for (KeywordScore k : KeywordScore.values()) {
            measure.of(
                    "keyword " + k.name().toLowerCase(),
                    "keyword only, " + describe(k),
                    none,
                    base.withMode(Mode.KEYWORD).withKeywordScore(k));
        }
        measure.of(
                "hybrid before",
                "Docent before: AND keyword search (ts_rank_cd), RRF, no instruction, all chunks of a document",
                plain,
                before);
        measure.of("hybrid bm25 rrf", "BM25, RRF, no instruction", plain, base.withFusion(Fusion.RRF, 0.5));
        if (instructed != plain) {
            measure.of(
                    "hybrid bm25 rrf+instruction",
                    "BM25, RRF, query instruction",
                    instructed,
                    base.withFusion(Fusion.RRF, 0.5));
        }
        // The weight grid runs on every query, for each way of scaling the two lists (min-max, divided by the highest,
        // z-scores); the weight is chosen on the even-numbered queries only, and the report shows each variant's
        // figures on the odd-numbered ones, which took no part in the choice.
        Map<String, Object> grid = new LinkedHashMap<>();
        double chosen = Double.NaN;
        Fusion chosenFusion = Fusion.WEIGHTED;
        double best = -1;
        for (Fusion fusion : FUSIONS) {
            for (double w : WEIGHTS) {
                var s = measure.of(
                        "hybrid bm25 %s %.1f%s".formatted(label(fusion), w, defaultInstructed ? "+instruction" : ""),
                        "BM25, weighted sum (%s), vector weight %.1f, %s"
                                .formatted(
                                        describe(fusion),
                                        w,
                                        defaultInstructed ? "query instruction" : "no instruction"),
                        defaultVectors,
                        base.withFusion(fusion, w));
                double value = s.mean(SELECT_BY, TUNE);
                grid.put("%s %.1f".formatted(label(fusion), w), Stats.round(value));
                if (value > best) {
                    best = value;
                    chosen = w;
                    chosenFusion = fusion;
                }
            }
        }
        LOG.infof(
                "%s weight grid on the tuning half (%s): %s, chosen %s %.1f",
                set.name(), SELECT_BY, grid, label(chosenFusion), chosen);
        measure.of(
                "hybrid bm25 %s %.1f%s".formatted(label(chosenFusion), chosen, defaultInstructed ? "" : "+instruction"),
                "BM25, weighted sum (%s) at the tuning half's best vector weight %.1f, %s"
                        .formatted(
                                describe(chosenFusion),
                                chosen,
                                defaultInstructed ? "no instruction" : "query instruction"),
                defaultInstructed ? plain : instructed,
                base.withFusion(chosenFusion, chosen));
        String defaultDescription = "the default: %s keyword, %s fusion%s, %s, %s"
                .formatted(
                        base.keywordScore().name().toLowerCase(),
                        base.fusion().name().toLowerCase(),
                        base.fusion() != Fusion.RRF ? " (vector weight " + base.vectorWeight() + ")" : "",
                        defaultInstructed ? "query instruction" : "no instruction",
                        base.chunksPerDocument() == 0
                                ? "all chunks of a document"
                                : base.chunksPerDocument() + " chunk(s) per document");
        var defaults = measure.of("default", defaultDescription, defaultVectors, base);
        measure.of(
                "default, all chunks",
                "the default without the per-document limit",
                defaultVectors,
                base.withChunksPerDocument(0));

        Map<String, Object> variants = new LinkedHashMap<>();
        scores.forEach((name, s) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("description", descriptions.get(name));
            v.put("all", s.summary(ALL));
            v.put("reportHalf", s.summary(REPORT));
            variants.put(name, v);
        });
        String vectorName =
                defaultInstructed && scores.containsKey("vector+instruction") ? "vector+instruction" : "vector";
        String keywordName = "keyword " + base.keywordScore().name().toLowerCase();
        Map<String, Object> differences = new LinkedHashMap<>();
        for (String other : List.of(vectorName, keywordName, "hybrid before")) {
            List<Map<String, Object>> d = new ArrayList<>();
            for (String metric : metrics(depth)) {
                d.add(RetrievalEvaluation.pairedDifference(defaults, scores.get(other), metric, ALL));
            }
            differences.put("default - " + other, d);
        }
        // Every hybrid variant against both parts, so any of them could be judged as a default.
        String plainVector = "vector";
        String instructedVector = scores.containsKey("vector+instruction") ? "vector+instruction" : "vector";
        for (var e : scores.entrySet()) {
            if (e.getKey().startsWith("hybrid") && !e.getKey().equals("hybrid before")) {
                String vectorPart = e.getKey().endsWith("+instruction") ? instructedVector : plainVector;
                List<Map<String, Object>> d = new ArrayList<>();
                for (String other : List.of(vectorPart, keywordName)) {
                    for (String metric : List.of("ndcgAt10", "recallAt10")) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("against", other);
                        m.putAll(RetrievalEvaluation.pairedDifference(e.getValue(), scores.get(other), metric, ALL));
                        d.add(m);
                    }
                }
                differences.put(e.getKey() + " - parts", d);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documents", set.documents().size());
        out.put("chunks", documentOf.size());
        out.put("queries", set.queries().size());
        out.put("depth", depth);
        out.put("variants", variants);
        out.put(
                "weightGrid",
                Map.of("metric", SELECT_BY, "tuningHalf", grid, "chosen", label(chosenFusion) + " " + chosen));
        out.put("vectorPart", vectorName);
        out.put("keywordPart", keywordName);
        out.put("differences", differences);
        out.put("latency", latency(set, plain, defaultVectors, Set.of(group), before, base));
        return out;
    }

    /** Vector weights of the grid: {@code bench.retrieval.weights}, comma-separated (default 0.3 to 0.8). */
    private static List<Double> weights() {
        return List.of(System.getProperty("bench.retrieval.weights", "0.3,0.4,0.5,0.6,0.7,0.8")
                        .split(","))
                .stream()
                .map(w -> Double.parseDouble(w.strip()))
                .toList();
    }

    /** The weighted fusions of the grid: {@code bench.retrieval.fusions}, e.g. {@code weighted,weighted_z}. */
    private static List<Fusion> fusions() {
        return List.of(System.getProperty("bench.retrieval.fusions", "weighted,weighted_max,weighted_z")
                        .split(","))
                .stream()
                .map(f -> Fusion.valueOf(f.strip().toUpperCase()))
                .toList();
    }

    private static String label(Fusion fusion) {
        return switch (fusion) {
            case WEIGHTED_MAX -> "max";
            case WEIGHTED_Z -> "z";
            default -> "weighted";
        };
    }

    private static String describe(Fusion fusion) {
        return switch (fusion) {
            case WEIGHTED_MAX -> "each list divided by its highest";
            case WEIGHTED_Z -> "each list's z-scores";
            default -> "each list min-max";
        };
    }

    private static List<String> metrics(int depth) {
        List<String> m = new ArrayList<>(COMPARED);
        if (depth >= 50) {
            m.add("recallAt50");
        }
        return m;
    }

    /** The old and the new hybrid query on the same queries, alternating, so both see the same machine load. */
    private Map<String, Object> latency(
            RetrievalSet set,
            List<float[]> plain,
            List<float[]> defaults,
            Set<String> groups,
            SearchOptions before,
            SearchOptions now) {
        List<Double> old = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        int n = Math.min(LATENCY_QUERIES, set.queries().size());
        for (int i = 0; i < n; i++) {
            String text = set.queries().get(i).text();
            for (int turn = 0; turn < 2; turn++) {
                boolean oldFirst = i % 2 == 0;
                boolean runOld = (turn == 0) == oldFirst;
                long start = System.nanoTime();
                search.retrieve(text, runOld ? plain.get(i) : defaults.get(i), 10, groups, null, runOld ? before : now);
                (runOld ? old : current).add((System.nanoTime() - start) / 1e6);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("k", 10);
        out.put("before", Stats.of(old).toMap());
        out.put("default", Stats.of(current).toMap());
        return out;
    }

    private static String describe(KeywordScore k) {
        return switch (k) {
            case BM25 -> "OR of the content words, BM25 (k1 1.2, b 0.75)";
            case OR_RANK_CD -> "OR of the content words, ts_rank_cd";
            case OR_RANK_CD_LOG_LENGTH -> "OR, ts_rank_cd normalisation 1 (/ 1 + log length)";
            case OR_RANK_CD_LENGTH -> "OR, ts_rank_cd normalisation 2 (/ length)";
            case AND_RANK_CD -> "AND of every word (websearch_to_tsquery), ts_rank_cd (before)";
        };
    }
}
