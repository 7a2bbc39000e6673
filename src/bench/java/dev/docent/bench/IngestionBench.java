package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code bench.rawPerDocument} (true: also raw embedding with batches restarted at each document),
 * {@code bench.repeats} (runs, each into a fresh collection, median reported; 1), {@code bench.keep} (true: keep
 * the bench collections), {@code bench.timeoutMinutes} (60 per run),
 * {@code bench.enforceTarget} (true: fail below the 0.85 target).
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class IngestionBench {

    static final Path OUT = Path.of("target", "bench");

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
                rawBatches(),
                Boolean.getBoolean("bench.rawPerDocument"));
        var benchmark = new IngestionBenchmark(documents, collections, embedder, jdbc, json);
        List<IngestionResult> runs = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Integer.getInteger("bench.repeats", 1)); i++) {
            runs.add(benchmark.run(corpus, options));
        }
        String markdown = IngestionReport.write(runs, OUT, json);
        System.out.println(markdown);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = json.readValue(OUT.resolve("ingest.json").toFile(), Map.class);
            BenchReport.section(OUT, "ingestion", data, markdown.replaceAll("(?m)^#", "##"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IngestionResult result = runs.getFirst();

        assertTrue(result.counts().ready() > 0, "some documents became ready");
        for (IngestionResult run : runs) {
            assertTrue(
                    run.validity().valid(),
                    () -> "another process's ingestion workers took part (" + run.validity() + "): the numbers are"
                            + " not this pipeline's; run the benchmark when no other Docent uses the test database");
        }
        assertEquals(0, result.counts().errors(), "no document failed for an unexpected reason");
        assertEquals(result.pipeline().chunks(), result.raw().chunks(), "raw embedding saw the pipeline's chunks");
        if (Boolean.getBoolean("bench.enforceTarget")) {
            double median =
                    runs.stream().mapToDouble(IngestionResult::ratio).sorted().toArray()[(runs.size() - 1) / 2];
            assertTrue(
                    median >= IngestionBenchmark.TARGET_RATIO,
                    () -> "pipeline reached " + median + " of raw" + " embedding throughput");
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
