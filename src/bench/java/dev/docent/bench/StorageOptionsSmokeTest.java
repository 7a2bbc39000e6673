package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedding.Embedder;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tiny {@link StorageOptionsBench}, so {@code make test} keeps its code working; its tables are dropped after. */
@QuarkusTest
class StorageOptionsSmokeTest {

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Test
    @SuppressWarnings("unchecked")
    void everyStorageOptionIsBuiltMeasuredAndDroppedAgain() {
        RealTexts texts = RealTexts.guide(100, 10);
        SyntheticCorpus corpus = new SyntheticCorpus(
                texts.pieces(), () -> embedder.embedAll(texts.pieces()), 0.02, embedder.modelName());
        int dimension = embedder.embedAll(List.of("dimension")).getFirst().length;
        var options = StorageOptions.options(dimension, 16, 64, List.of(40));

        List<Map<String, Object>> levels = new StorageOptions(jdbc, corpus, dimension)
                .run(
                        List.of(1000L, 2000L),
                        options,
                        embedder.embedAll(texts.queries()),
                        new StorageOptions.Measure(10, 1, 40),
                        false,
                        done -> {});

        assertEquals(2, levels.size());
        var byOption = (Map<String, Map<String, Object>>) levels.getLast().get("options");
        assertEquals(List.of("vector", "halfvec", "binary+rerank40"), List.copyOf(byOption.keySet()));
        for (String exactEnough : List.of("vector", "halfvec")) {
            double recall = ((Number) byOption.get(exactEnough).get("recallAt10")).doubleValue();
            assertTrue(recall >= 0.9, exactEnough + " recall@10 " + recall);
        }
        long vectorIndex = (Long) byOption.get("vector").get("indexBytes");
        long halfIndex = (Long) byOption.get("halfvec").get("indexBytes");
        long bitIndex = (Long) byOption.get("binary+rerank40").get("indexBytes");
        assertTrue(halfIndex < vectorIndex && bitIndex < halfIndex, vectorIndex + " > " + halfIndex + " > " + bitIndex);
        assertEquals(
                10, ((Map<String, Object>) byOption.get("halfvec").get("latencyMs")).get("n"), "every query timed");
        assertTrue(
                jdbc.one("SELECT to_regclass('bench_storage_vector') IS NULL", r -> r.getBoolean(1))
                        .orElseThrow(),
                "the tables are dropped afterwards");
    }
}
