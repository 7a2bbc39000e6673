package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.docent.embedding.Embedder;
import dev.docent.embedding.EmbeddingConfig;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/docent.sh bench StorageOptionsBench} (section storage-options): {@code vector} against
 * {@code halfvec} against a binary-quantized index with re-ranking, on the scale benchmark's synthetic corpus (real
 * pieces' embeddings plus noise): table and index size, HNSW build time, recall@10 against the exact top 10, query
 * latency (the vector search alone, one connection, warm). System properties: {@code bench.storage.sizes}
 * (100000,300000), {@code bench.storage.rerank} (re-ranking candidates, 40,100), {@code bench.storage.passes} (2),
 * {@code bench.storage.recallQueries} (100), {@code bench.keep} (keep the tables), and the scale benchmark's
 * {@code bench.scale.pieces}, {@code bench.scale.queries}, {@code bench.scale.noise}.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class StorageOptionsBench {

    private static final Logger LOG = Logger.getLogger(StorageOptionsBench.class);

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    EmbeddingConfig embedding;

    @Test
    void storageOptions() {
        Map<String, Object> machine = Machine.describe(jdbc);
        RealTexts texts = RealTexts.load(
                Integer.getInteger("bench.scale.pieces", 4000), Integer.getInteger("bench.scale.queries", 300));
        double noise = Double.parseDouble(System.getProperty("bench.scale.noise", "0.02"));
        EmbeddingCache cache = new EmbeddingCache(embedder, RetrievalSetsBench.CACHE);
        SyntheticCorpus corpus =
                new SyntheticCorpus(texts.pieces(), () -> cache.embedAll(texts.pieces()), noise, embedder.modelName());
        List<float[]> queries = cache.embedAll(texts.queries());
        int efSearch = Integer.getInteger("bench.storage.efSearch", 200);
        int recallQueries = Math.min(queries.size(), Integer.getInteger("bench.storage.recallQueries", 100));
        int passes = Integer.getInteger("bench.storage.passes", 2);
        List<StorageOptions.Option> options = StorageOptions.options(
                embedding.dimension(),
                RetrievalScale.V6_M,
                RetrievalScale.V6_EF_CONSTRUCTION,
                ChatLatencyBench.integers(System.getProperty("bench.storage.rerank", "40,100")));
        StorageOptions storage = new StorageOptions(jdbc, corpus, embedding.dimension());

        List<Map<String, Object>> levels = new ArrayList<>();
        storage.create();
        long present = 0;
        try {
            for (long size : RetrievalScaleBench.longs(System.getProperty("bench.storage.sizes", "100000,300000"))) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("chunks", size);
                level.put(
                        "measuredAt", java.time.OffsetDateTime.now().withNano(0).toString());
                level.put("loadAverageAtStart", Machine.loadAverage());
                storage.dropIndexes(options);
                level.put("loadSeconds", Stats.round(storage.load(present, size)));
                present = size;
                level.put("halfvecCopySeconds", Stats.round(storage.makeHalfvec()));
                Map<String, Object> byOption = new LinkedHashMap<>();
                for (StorageOptions.Option option : options) {
                    Double seconds = storage.build(option);
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("hnswBuildSeconds", seconds == null ? null : Stats.round(seconds));
                    o.put("loadAverageAfterBuild", Machine.loadAverage());
                    byOption.put(option.name(), o);
                }
                storage.analyze();
                List<Set<Long>> exact = new ArrayList<>();
                for (int i = 0; i < recallQueries; i++) {
                    exact.add(storage.exact(queries.get(i)));
                }
                for (StorageOptions.Option option : options) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> o = (Map<String, Object>) byOption.get(option.name());
                    o.putAll(storage.sizes(option));
                    o.putAll(storage.measure(option, queries, exact, passes, efSearch));
                    LOG.infof("%d chunks, %s: %s", size, option.name(), o);
                }
                level.put("options", byOption);
                level.put("loadAverageAtEnd", Machine.loadAverage());
                levels.add(level);
            }
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                storage.drop();
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", machine);
        data.put(
                "corpus",
                Map.of(
                        "texts", texts.source(),
                        "pieces", texts.pieces().size(),
                        "queries", texts.queries().size(),
                        "noisePerDimension", noise,
                        "dimension", embedding.dimension()));
        data.put("efSearch", efSearch);
        data.put("hnsw", "m=" + RetrievalScale.V6_M + " ef_construction=" + RetrievalScale.V6_EF_CONSTRUCTION);
        data.put("levels", levels);
        BenchReport.section(RetrievalScaleBench.OUT, "storage-options", data, StorageReport.markdown(data));
        assertFalse(levels.isEmpty());
    }
}
