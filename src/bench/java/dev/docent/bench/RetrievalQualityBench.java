package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-answer} (and {@code make bench}, section retrieval-quality): SQuAD v1.1 dev's 48 articles ingested
 * through Docent's pipeline into their own collection, then every question against vector-only, keyword-only and
 * hybrid retrieval (recall@1/5/10, MRR@10) and the extractive answer's gold-answer containment rate. Skipped, with a
 * note in the report, when ../shared/data/squad is absent. System properties: {@code bench.quality.questions} (all),
 * {@code bench.quality.answers} (questions answered extractively, 1000), {@code bench.keep} (keep the collection,
 * reused by the next run).
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class RetrievalQualityBench {

    static final Path OUT = Path.of("target", "bench");
    static final String COLLECTION = "bench-squad";
    static final String GROUP = "bench-squad";
    private static final Logger LOG = Logger.getLogger(RetrievalQualityBench.class);

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    SearchService search;

    @Inject
    ExtractiveAnswerer extractive;

    @Inject
    DocumentService documents;

    @Inject
    CollectionService collections;

    @Inject
    RetrievalConfig config;

    @Test
    void squadRetrievalVariantsAndExtractiveAnswers() throws Exception {
        if (!RealTexts.squadPresent()) {
            BenchReport.skipped(
                    OUT, "retrieval-quality", "Retrieval quality on SQuAD", "../shared/data/squad not present");
            return;
        }
        Map<String, Object> machine = Machine.describe(jdbc);
        double ingestSeconds = ingest();
        Map<Long, String> chunks = new HashMap<>();
        jdbc.list(
                        "SELECT c.id, c.content FROM chunks c JOIN collections k ON k.id = c.collection_id WHERE k.name = ?",
                        r -> Map.entry(r.getLong(1), r.getString(2)),
                        COLLECTION)
                .forEach(e -> chunks.put(e.getKey(), e.getValue()));
        SquadQuality.Squad squad = SquadQuality.Squad.read(RealTexts.SQUAD);
        var questions = squad.sample(Integer.getInteger("bench.quality.questions", Integer.MAX_VALUE));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", machine);
        data.put("ingestSeconds", ingestSeconds);
        data.put("defaultMode", config.mode().name().toLowerCase());
        data.putAll(new SquadQuality(search, embedder, extractive)
                .run(
                        squad,
                        questions,
                        chunks,
                        Set.of(GROUP),
                        config.efSearch(),
                        Integer.getInteger("bench.quality.answers", 1000)));
        data.put("loadAverageAtEnd", Machine.loadAverage());
        BenchReport.section(OUT, "retrieval-quality", data, QualityReport.markdown(data));
        if (!Boolean.getBoolean("bench.keep")) {
            jdbc.update(
                    "DELETE FROM documents WHERE collection_id = (SELECT id FROM collections WHERE name = ?)",
                    COLLECTION);
            jdbc.update("DELETE FROM collections WHERE name = ?", COLLECTION);
        }
        assertTrue(chunks.size() > 1000, "SQuAD was chunked into its collection");
    }

    /** Ingests the articles through the real pipeline unless a kept collection already has them all; seconds taken. */
    private double ingest() throws IOException, InterruptedException {
        List<Path> files = SquadArticles.writeMarkdown(RealTexts.SQUAD, OUT.resolve("squad-articles"));
        long ready = jdbc.one(
                        "SELECT count(*) FROM documents d JOIN collections k ON k.id = d.collection_id"
                                + " WHERE k.name = ? AND d.status = 'ready'",
                        r -> r.getLong(1),
                        COLLECTION)
                .orElse(0L);
        if (ready == files.size()) {
            return 0;
        }
        jdbc.update(
                "DELETE FROM documents WHERE collection_id = (SELECT id FROM collections WHERE name = ?)", COLLECTION);
        jdbc.update("DELETE FROM collections WHERE name = ?", COLLECTION);
        collections.create(new CollectionService.Spec(COLLECTION, "SQuAD benchmark", List.of(GROUP), false), "bench");
        long start = System.nanoTime();
        for (Path file : files) {
            documents.upload(file, file.getFileName().toString(), Files.size(file), COLLECTION, "bench");
        }
        while (true) {
            long done = jdbc.one(
                            "SELECT count(*) FROM documents d JOIN collections k ON k.id = d.collection_id"
                                    + " WHERE k.name = ? AND d.status IN ('ready', 'failed')",
                            r -> r.getLong(1),
                            COLLECTION)
                    .orElse(0L);
            if (done == files.size()) {
                break;
            }
            if (System.nanoTime() - start > 3_600e9) {
                throw new IllegalStateException("SQuAD ingestion took over an hour");
            }
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.infof("ingested %d SQuAD articles in %.0f s", files.size(), seconds);
        return Stats.round(seconds);
    }
}
