package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingestion benchmark's code path on three small documents, so {@code make test} keeps it working. */
@QuarkusTest
class IngestionBenchSmokeTest {

    static final Path OUT = Path.of("target", "bench", "smoke");

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
    void aTinyCorpusIsIngestedMeasuredAgainstRawEmbeddingAndReported() throws IOException {
        BenchCorpus corpus = new GeneratedDocuments(3, 2, 1, 2, 4, 7).writeTo(OUT.resolve("corpus"));
        var options = new IngestionBenchmark.Options(
                "bench-smoke", Duration.ofSeconds(90), true, List.of(IngestionBenchmark.PIPELINE_BATCH), true);

        IngestionResult result =
                new IngestionBenchmark(documents, collections, embedder, jdbc, json).run(corpus, options);
        String markdown = IngestionReport.write(List.of(result), OUT, json);

        assertEquals(3, result.counts().ready(), () -> "every document ready: " + result.documents());
        assertTrue(result.pipeline().chunks() > 0, "chunks were stored");
        assertEquals(result.pipeline().chunks(), result.raw().chunks(), "raw embedding saw the stored chunks");
        assertEquals(2, result.rawByBatch().size(), "across documents and restarted at each document");
        assertTrue(result.ratio() > 0 && Double.isFinite(result.ratio()), () -> "ratio " + result.ratio());
        assertTrue(result.stages().stream().anyMatch(s -> s.name().equals("embed") && s.seconds() > 0));
        JsonNode written = json.readTree(OUT.resolve("ingest.json").toFile());
        assertEquals(
                result.pipeline().chunks(),
                written.path("pipeline").path("chunks").asInt());
        assertTrue(Files.readString(OUT.resolve("ingest.md")).contains("Pipeline / raw embedding throughput"));
        assertTrue(markdown.contains("| embed |"), markdown);
        assertEquals(
                0,
                jdbc.one("SELECT count(*) FROM collections WHERE name = ?", row -> row.getInt(1), result.collection())
                        .orElseThrow(),
                "the benchmark's collection and documents are deleted afterwards");
    }
}
