package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.docent.embedding.Embedder;
import dev.docent.embedding.EmbeddingConfig;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/docent.sh bench StorageOptionsBench} (section storage-options): {@code vector} against
 * {@code halfvec} against a binary-quantized index with re-ranking, on the scale benchmark's synthetic corpus (real
 * pieces' embeddings plus noise): table and index size, HNSW build time, recall@10 against the exact top 10, query
 * latency (the vector search alone, one connection, warm). System properties: {@code bench.storage.sizes}
 * (100000,300000), {@code bench.storage.rerank} (re-ranking candidates, 40,100; empty: no binary index),
 * {@code bench.storage.passes} (2), {@code bench.storage.recallQueries} (100), {@code bench.storage.m} /
 * {@code bench.storage.efConstruction} (the HNSW build parameters, default Flyway V6's), {@code bench.keep} (keep the
 * tables), and the scale benchmark's {@code bench.scale.pieces}, {@code bench.scale.queries}, {@code bench.scale.noise}.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class StorageOptionsBench {

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
        int recallQueries = Integer.getInteger("bench.storage.recallQueries", 100);
        int passes = Integer.getInteger("bench.storage.passes", 2);
        String rerank = System.getProperty("bench.storage.rerank", "40,100");
        int m = Integer.getInteger("bench.storage.m", RetrievalScale.V6_M);
        int efConstruction = Integer.getInteger("bench.storage.efConstruction", RetrievalScale.V6_EF_CONSTRUCTION);
        List<StorageOptions.Option> options = StorageOptions.options(
                embedding.dimension(),
                m,
                efConstruction,
                rerank.isBlank() ? List.of() : ChatLatencyBench.integers(rerank));
        StorageOptions storage = new StorageOptions(jdbc, corpus, embedding.dimension());

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
        data.put("hnsw", "m=" + m + " ef_construction=" + efConstruction);
        List<Map<String, Object>> levels = storage.run(
                RetrievalScaleBench.longs(System.getProperty("bench.storage.sizes", "100000,300000")),
                options,
                queries,
                new StorageOptions.Measure(recallQueries, passes, efSearch),
                Boolean.getBoolean("bench.keep"),
                done -> {
                    data.put("levels", done);
                    BenchReport.section(RetrievalScaleBench.OUT, "storage-options", data, StorageReport.markdown(data));
                });
        assertFalse(levels.isEmpty());
    }
}
