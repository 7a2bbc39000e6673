package dev.docent.bench;

import dev.docent.embedding.Embedder;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig.Mode;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Retrieval at growing corpus sizes: loads a {@link SyntheticCorpus} level by level (indexes built after each load),
 * then times {@link SearchService}'s search with precomputed query vectors (so query embedding is excluded) and
 * compares its approximate nearest neighbours with an exact scan, without and with a group filter.
 */
final class RetrievalScale {

    private static final Logger LOG = Logger.getLogger(RetrievalScale.class);

    /** What to measure. {@code efSearch}: HNSW breadths to compare, the first is the one reported as Docent's. */
    record Options(
            List<Long> sizes,
            int timedPasses,
            int recallQueries,
            List<Integer> efSearch,
            int m,
            int efConstruction,
            boolean keep) {}

    /** The groups of the two query kinds: everything the corpus holds, or its restricted tenth only. */
    static final Map<String, Set<String>> FILTERS = Map.of(
            "unfiltered", Set.of(SyntheticCorpus.OPEN_GROUP, SyntheticCorpus.RESTRICTED_GROUP),
            "filtered", Set.of(SyntheticCorpus.RESTRICTED_GROUP));

    private static final String EXACT = """
            SELECT c.id, c.embedding <=> ? AS distance FROM chunks c
            WHERE c.collection_id IN (SELECT id FROM collections WHERE cardinality(groups) = 0 OR groups && ?::text[])
              AND c.document_id IN (SELECT id FROM documents WHERE embedding_model = ?)
            ORDER BY c.embedding <=> ? LIMIT 10
            """;

    private final Jdbc jdbc;
    private final Embedder embedder;
    private final SearchService search;
    /** Exact top 10 per filter and query, for the current level (they do not depend on ef_search). */
    private final Map<String, Map<Long, Double>> exactTop = new java.util.HashMap<>();

    private int explained;

    RetrievalScale(Jdbc jdbc, Embedder embedder, SearchService search) {
        this.jdbc = jdbc;
        this.embedder = embedder;
        this.search = search;
    }

    /** The HNSW build parameters of Flyway V6 (Docent's index). */
    static final int V6_M = 32;

    static final int V6_EF_CONSTRUCTION = 128;

    /** The HNSW index as Docent's migrations define it, with {@code m} and {@code ef_construction}. */
    static String hnsw(int m, int efConstruction) {
        return "CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = " + m
                + ", ef_construction = " + efConstruction + ")";
    }

    static final String GIN = "CREATE INDEX chunks_tsv_gin ON chunks USING gin (tsv)";
    static final List<String> DROP =
            List.of("DROP INDEX IF EXISTS chunks_embedding_hnsw", "DROP INDEX IF EXISTS chunks_tsv_gin");

    /** Runs every level; one result map per corpus size. */
    List<Map<String, Object>> run(RealTexts texts, double noise, Options options, LevelHook hook) {
        List<float[]> queries = embedder.embedAll(texts.queries());
        SyntheticCorpus corpus = new SyntheticCorpus(
                texts.pieces(),
                () -> {
                    long t0 = System.nanoTime();
                    List<float[]> vectors = new ArrayList<>();
                    for (int i = 0; i < texts.pieces().size(); i += 64) {
                        vectors.addAll(embedder.embedAll(texts.pieces()
                                .subList(i, Math.min(texts.pieces().size(), i + 64))));
                    }
                    LOG.infof("embedded %d pieces in %.1f s", vectors.size(), (System.nanoTime() - t0) / 1e9);
                    return vectors;
                },
                noise,
                embedder.modelName());
        String signature = corpus.signature();
        long present = SyntheticCorpus.loaded(jdbc, signature);
        String wantedIndex = hnsw(options.m(), options.efConstruction());
        List<Map<String, Object>> levels = new ArrayList<>();
        try {
            for (long size : options.sizes()) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("chunks", size);
                level.put(
                        "measuredAt", java.time.OffsetDateTime.now().withNano(0).toString());
                level.put("loadAverageAtStart", Machine.loadAverage());
                if (present != size) {
                    if (present > size || present == 0) {
                        SyntheticCorpus.ddl(jdbc, DROP);
                        corpus.create(jdbc);
                        present = 0;
                    } else {
                        SyntheticCorpus.ddl(jdbc, DROP);
                    }
                    LOG.infof("loading chunks %d..%d", present, size);
                    level.put("loadSeconds", round(corpus.load(jdbc, present, size)));
                    level.put("loadedChunks", size - present);
                    present = size;
                    level.put("ginBuildSeconds", round(SyntheticCorpus.ddl(jdbc, List.of(GIN))));
                }
                if (jdbc.one("SELECT 1 FROM pg_indexes WHERE indexname = 'chunks_tsv_gin'", r -> 1)
                        .isEmpty()) {
                    level.put("ginBuildSeconds", round(SyntheticCorpus.ddl(jdbc, List.of(GIN))));
                }
                if (!indexIs(options.m(), options.efConstruction())) {
                    LOG.infof("building %s", wantedIndex);
                    SyntheticCorpus.ddl(jdbc, List.of(DROP.getFirst()));
                    level.put("hnswBuildSeconds", round(SyntheticCorpus.ddl(jdbc, List.of(wantedIndex))));
                }
                SyntheticCorpus.analyze(jdbc);
                exactTop.clear();
                level.put("index", "hnsw m=" + options.m() + " ef_construction=" + options.efConstruction());
                level.put("sizes", sizes(size));
                level.put("efSearch", measure(texts, queries, options));
                hook.atLevel(size, level);
                level.put("loadAverageAtEnd", Machine.loadAverage());
                levels.add(level);
            }
        } finally {
            if (!options.keep()) {
                LOG.info("deleting the synthetic corpus");
                SyntheticCorpus.ddl(jdbc, DROP);
                SyntheticCorpus.delete(jdbc);
                SyntheticCorpus.ddl(jdbc, List.of(GIN, hnsw(V6_M, V6_EF_CONSTRUCTION)));
            }
        }
        return levels;
    }

    /** Called after each level is measured (for measurements that need the corpus, like time to first token). */
    @FunctionalInterface
    interface LevelHook {
        void atLevel(long size, Map<String, Object> level);
    }

    private Map<String, Object> measure(RealTexts texts, List<float[]> queries, Options options) {
        Map<String, Object> byEf = new LinkedHashMap<>();
        for (int ef : options.efSearch()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (var filter : List.of("unfiltered", "filtered")) {
                Set<String> groups = FILTERS.get(filter);
                Map<String, Object> f = new LinkedHashMap<>();
                for (Mode mode : List.of(Mode.HYBRID, Mode.VECTOR, Mode.KEYWORD)) {
                    if (mode == Mode.KEYWORD && ef != options.efSearch().getFirst()) {
                        continue; // the keyword search does not use the HNSW index
                    }
                    f.put(
                            mode.name().toLowerCase(),
                            latency(texts.queries(), queries, groups, mode, ef, options)
                                    .toMap());
                }
                f.put("recallAt10", recall(filter, queries, groups, ef, options.recallQueries()));
                out.put(filter, f);
            }
            byEf.put(String.valueOf(ef), out);
            LOG.infof("ef_search %d: %s", ef, out);
        }
        return byEf;
    }

    private Stats latency(
            List<String> texts, List<float[]> vectors, Set<String> groups, Mode mode, int ef, Options options) {
        for (int i = 0; i < texts.size(); i++) { // warm-up: caches and JIT, not timed
            search.retrieve(texts.get(i), vectors.get(i), 10, groups, null, mode, ef);
        }
        List<Double> ms = new ArrayList<>();
        for (int pass = 0; pass < options.timedPasses(); pass++) {
            for (int i = 0; i < texts.size(); i++) {
                long start = System.nanoTime();
                search.retrieve(texts.get(i), vectors.get(i), 10, groups, null, mode, ef);
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return Stats.of(ms);
    }

    /** Mean share of the exact top 10 that the index-backed vector search returns; also full-result counts. */
    private Map<String, Object> recall(String filter, List<float[]> vectors, Set<String> groups, int ef, int limit) {
        List<Double> recalls = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int full = 0;
        long exactNanos = 0;
        int n = Math.min(limit, vectors.size());
        for (int i = 0; i < n; i++) {
            List<Passage> found = search.retrieve("-", vectors.get(i), 10, groups, null, Mode.VECTOR, ef);
            List<Long> approx = found.stream().map(Passage::chunkId).toList();
            long start = System.nanoTime();
            float[] vector = vectors.get(i);
            Map<Long, Double> exactDistances = exactTop.computeIfAbsent(filter + i, k -> exact(vector, groups));
            Set<Long> exact = exactDistances.keySet();
            exactNanos += System.nanoTime() - start;
            full += approx.size() == 10 ? 1 : 0;
            double recall = approx.stream().filter(exact::contains).count() / (double) Math.max(1, exact.size());
            recalls.add(recall);
            if (!found.isEmpty() && !exactDistances.isEmpty()) {
                double worstFound = 1 - found.getLast().similarity();
                double worstExact = exactDistances.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElseThrow();
                ratios.add(worstFound / Math.max(1e-9, worstExact));
            }
            if (recall < 0.5 && explained++ < 3) {
                LOG.infof(
                        "low recall %.1f (%s, query %d): index found distances %s, exact %s",
                        recall,
                        filter,
                        i,
                        found.stream()
                                .map(p -> "%.3f".formatted(1 - p.similarity()))
                                .toList(),
                        exactDistances.values().stream()
                                .map(d -> "%.3f".formatted(d))
                                .toList());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queries", n);
        out.put(
                "mean",
                round(recalls.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(Double.NaN)));
        out.put(
                "min",
                round(recalls.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        out.put("queriesWithTenResults", full);
        // How much farther the index's 10th result is than the true 10th (1 = as near): misses among near-ties
        // (copies of one real chunk) cost little, misses of a different topic a lot.
        out.put("tenthDistanceRatio", Stats.of(ratios).toMap());
        out.put("exactScanMeanMs", n == 0 ? null : round(exactNanos / 1e6 / n));
        return out;
    }

    private Map<Long, Double> exact(float[] vector, Set<String> groups) {
        return jdbc.withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_indexscan = off"); // HNSW is index-scan only: this is a sequential scan
                Map<Long, Double> ids = new LinkedHashMap<>();
                com.pgvector.PGvector v = new com.pgvector.PGvector(vector);
                try (PreparedStatement p = Jdbc.prepare(c, EXACT, v, List.copyOf(groups), embedder.modelName(), v);
                        ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.put(r.getLong(1), r.getDouble(2));
                    }
                }
                c.commit();
                return ids;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    private boolean indexIs(int m, int efConstruction) {
        return jdbc.one(
                        "SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding_hnsw'",
                        r -> r.getString(1))
                .map(def -> def.contains("m='" + m + "'") && def.contains("ef_construction='" + efConstruction + "'"))
                .orElse(false);
    }

    private Map<String, Object> sizes(long chunks) {
        Map<String, Object> out = new LinkedHashMap<>();
        long total = 0;
        for (Object[] row : SyntheticCorpus.sizes(jdbc)) {
            out.put((String) row[0], row[1]);
            total += (Long) row[1];
        }
        out.put("total", total);
        out.put("totalMiBPer100k", round(total / 1048576.0 * 100_000 / chunks));
        return out;
    }

    static double round(double v) {
        return Stats.round(v);
    }
}
