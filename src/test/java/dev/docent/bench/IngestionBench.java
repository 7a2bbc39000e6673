package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-ingest}: ingests a corpus through the real pipeline and compares its throughput with the raw
 * throughput of the same embedding model on the same chunks, measured in the same run. Writes
 * {@code target/bench/ingest.md} and {@code ingest.json}.
 *
 * <p>Corpus: {@code ../shared/data} when present (SQuAD's 48 articles as Markdown plus the documents under
 * {@code docs/}), else a generated one. System properties: {@code bench.corpus} (a folder to ingest instead, or
 * {@code generated}), {@code bench.rawBatches} (raw measurement batch sizes, first compared; default 32),
 * {@code bench.keep} (true: keep the bench collection), {@code bench.timeoutMinutes} (60),
 * {@code bench.enforceTarget} (true: fail below the 0.85 target).
 */
@QuarkusTest
@Tag("bench")
@TestProfile(IngestionBench.ProductionUploadLimit.class)
class IngestionBench {

    static final Path OUT = Path.of("target", "bench");

    /** The test profile refuses uploads over 2 MB; a benchmark folder may hold real, larger documents. */
    public static class ProductionUploadLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docent.ingestion.max-upload-size", "50M");
        }
    }

    @Inject
    DocumentService documents;

    @Inject
    CollectionService collections;

    @Inject
    Embedder embedder;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @Test
    void ingestCorpus() {
        BenchCorpus corpus = BenchCorpus.choose(System.getProperty("bench.corpus"), OUT.resolve("corpus"));
        var options = new IngestionBenchmark.Options(
                "bench",
                Duration.ofMinutes(Long.getLong("bench.timeoutMinutes", 60)),
                !Boolean.getBoolean("bench.keep"),
                rawBatches());
        IngestionResult result =
                new IngestionBenchmark(documents, collections, embedder, jdbc, json).run(corpus, options);
        System.out.println(IngestionReport.write(result, OUT, json));

        assertTrue(result.counts().ready() > 0, "some documents became ready");
        assertEquals(0, result.counts().errors(), "no document failed for an unexpected reason");
        assertEquals(result.pipeline().chunks(), result.raw().chunks(), "raw embedding saw the pipeline's chunks");
        if (Boolean.getBoolean("bench.enforceTarget")) {
            assertTrue(result.targetMet(), () -> "pipeline reached " + result.ratio() + " of raw embedding throughput");
        }
    }

    private static List<Integer> rawBatches() {
        String value = System.getProperty("bench.rawBatches", "");
        if (value.isBlank()) {
            return List.of(IngestionBenchmark.PIPELINE_BATCH);
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .map(Integer::valueOf)
                .toList();
    }
}
