package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.ChunkWriter;
import dev.docent.ingestion.chunk.Chunker;
import dev.docent.ingestion.parse.DocumentParser;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-answer} (and {@code make bench}, section retrieval-sets): retrieval variants on two sets in one
 * run, SQuAD v1.1 dev (a document per paragraph) and SciFact's training split (a document per abstract), each in a
 * collection of its own: vector, keyword and hybrid search, keyword rankings (AND vs OR, ts_rank_cd normalisations,
 * BM25), fusions (RRF vs weighted sum, the weight chosen on one half of the queries and reported on the other) and the
 * embedding model's query instruction on and off; the default against each of its parts with paired-bootstrap
 * intervals; latency of the old and the new hybrid query in the same run. A set whose data is absent is skipped with
 * a note. System properties: {@code bench.retrieval.squadQuestions} (all 10,570),
 * {@code bench.retrieval.scifactQueries} (all 809 claims) and {@code bench.retrieval.scifactDocuments} (all 5,183;
 * fewer keeps every abstract the claims cite and samples the others), {@code bench.retrieval.sets} (which sets, in which order: {@code squad,scifact}), {@code bench.keep} (keep the collections for the next run), {@code bench.retrieval.loadOnly} (load, measure
 * nothing). Vectors are cached in target/bench-cache.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class RetrievalSetsBench {

    static final Path OUT = Path.of("target", "bench");
    static final Path CACHE = Path.of("target", "bench-cache");

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    SearchService search;

    @Inject
    CollectionService collections;

    @Inject
    DocumentParser parser;

    @Inject
    Chunker chunker;

    @Inject
    ChunkWriter writer;

    @Inject
    RetrievalConfig config;

    @Test
    void squadAndSciFactVariants() {
        List<RetrievalSet> sets = new ArrayList<>();
        for (String name :
                System.getProperty("bench.retrieval.sets", "squad,scifact").split(",")) {
            if (name.strip().equals("squad") && RealTexts.squadPresent()) {
                sets.add(RetrievalSet.squad(RealTexts.SQUAD)
                        .sample(Integer.getInteger("bench.retrieval.squadQuestions", Integer.MAX_VALUE)));
            }
            if (name.strip().equals("scifact") && RetrievalSet.scifactPresent()) {
                sets.add(RetrievalSet.scifact(RetrievalSet.SCIFACT)
                        .sample(
                                Integer.getInteger("bench.retrieval.scifactQueries", Integer.MAX_VALUE),
                                Integer.getInteger("bench.retrieval.scifactDocuments", Integer.MAX_VALUE)));
            }
        }
        if (sets.isEmpty()) {
            BenchReport.skipped(
                    OUT,
                    "retrieval-sets",
                    "Retrieval on SQuAD and SciFact",
                    "../shared/data/squad and ../shared/data/scifact not present");
            return;
        }
        EmbeddingCache cache = new EmbeddingCache(embedder, CACHE);
        BenchCollection loader = new BenchCollection(jdbc, collections, parser, chunker, writer, embedder, cache);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", Machine.describe(jdbc));
        data.put("model", embedder.modelName());
        data.put("queryInstruction", embedder.queryInstruction());
        Map<String, Object> results = new LinkedHashMap<>();
        for (RetrievalSet set : sets) {
            String name = "bench-" + set.name();
            var documentOf = loader.load(set, name, OUT.resolve("scratch"));
            if (Boolean.getBoolean("bench.retrieval.loadOnly")) {
                continue; // embeds and stores only (with bench.keep, for a later run)
            }
            results.put(
                    set.name(),
                    new RetrievalComparison(search, embedder, cache, config)
                            .run(set, documentOf, name, set.name().equals("scifact") ? 50 : 10));
            if (!Boolean.getBoolean("bench.keep")) {
                loader.drop(name);
            }
        }
        if (Boolean.getBoolean("bench.retrieval.loadOnly")) {
            return;
        }
        data.put("sets", results);
        data.put("loadAverageAtEnd", Machine.loadAverage());
        BenchReport.section(OUT, "retrieval-sets", data, RetrievalSetsReport.markdown(data));
        assertFalse(results.isEmpty());
    }
}
