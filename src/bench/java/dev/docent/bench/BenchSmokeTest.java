package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.embedding.Embedder;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tiny versions of the {@code make bench} benchmarks, so {@code make test} keeps their code working. */
@QuarkusTest
class BenchSmokeTest {

    static final Path OUT = Path.of("target", "bench", "smoke");

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    SearchService search;

    @Inject
    ExtractiveAnswerer extractive;

    @Test
    @SuppressWarnings("unchecked")
    void retrievalAtScaleLoadsASyntheticCorpusMeasuresItAndCleansUp() {
        RealTexts texts = RealTexts.guide(150, 15);
        long before = jdbc.one("SELECT count(*) FROM chunks", r -> r.getLong(1)).orElseThrow();
        var options = new RetrievalScale.Options(
                List.of(3000L), 1, 10, List.of(40), RetrievalScale.V6_M, RetrievalScale.V6_EF_CONSTRUCTION, false);

        List<Map<String, Object>> levels = new RetrievalScale(jdbc, embedder, search)
                .run(texts, 0.02, options, (size, level) -> level.put("hook", size));

        var level = levels.getFirst();
        assertEquals(3000L, level.get("hook"));
        var unfiltered = (Map<String, Object>) ((Map<String, Object>) level.get("efSearch")).get("40");
        var hybrid = (Map<String, Object>) ((Map<String, Object>) unfiltered.get("unfiltered")).get("hybrid");
        assertEquals(15, hybrid.get("n"), "every query timed");
        var recall = (Map<String, Object>) ((Map<String, Object>) unfiltered.get("filtered")).get("recallAt10");
        assertTrue(((Number) recall.get("mean")).doubleValue() >= 0.9, () -> "filtered recall " + recall);
        assertEquals(10, recall.get("queriesWithTenResults"), "filtered searches still return 10 results");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", Machine.describe(jdbc));
        data.put("corpus", Map.of("texts", texts.source(), "pieces", 150, "queries", 15, "noisePerDimension", 0.02));
        data.put("poolSize", "20");
        data.put("levels", levels);
        BenchReport.section(OUT, "retrieval-scale", data, ScaleReport.markdown(data, OUT));
        assertTrue(Files.exists(OUT.resolve("retrieval-latency-vs-corpus-size.png")), "plot written");
        assertEquals(
                before,
                jdbc.one("SELECT count(*) FROM chunks", r -> r.getLong(1)).orElseThrow(),
                "the synthetic corpus is deleted afterwards");
        assertEquals(
                2L,
                jdbc.one(
                                "SELECT count(*) FROM pg_indexes WHERE indexname IN ('chunks_embedding_hnsw', 'chunks_tsv_gin')",
                                r -> r.getLong(1))
                        .orElseThrow(),
                "the indexes are back");
    }

    @Test
    @SuppressWarnings("unchecked")
    void chatLatencyStreamsAnswersToConcurrentUsersAndReports() throws Exception {
        List<String> questions = ChatLatencyBench.guideCorpus(jdbc);
        try (StubLlmServer stub = new StubLlmServer(0)) {
            var options = new ChatLatency.Options(List.of(1, 3), 2, 0, 20, 1, 1);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("machine", Machine.describe(jdbc));
            data.put("provider", "extractive");
            data.putAll(
                    new ChatLatency(ChatLatencyBench.port(), () -> Tokens.of("alice"), stub).run(questions, options));
            data.put("loadAverageAtEnd", Machine.loadAverage());
            var levels = (List<Map<String, Object>>) data.get("zeroLatencyStub");
            assertEquals(2, levels.size());
            assertEquals(0L, levels.get(1).get("errors"), () -> "answers failed: " + levels.get(1));
            assertEquals(6, levels.get(1).get("answers"));
            BenchReport.section(OUT, "chat-latency", data, ChatReport.markdown(data, OUT));
            assertTrue(Files.exists(OUT.resolve("ttft-vs-concurrency.png")), "plot written");
            assertTrue(Files.readString(OUT.resolve("report.md")).contains("## Time to first token"));
        } finally {
            ChatLatencyBench.deleteGuideCorpus(jdbc);
        }
    }

    @Test
    void theStubProviderStreamsOpenAiChunksAtItsPace() throws Exception {
        try (StubLlmServer stub = new StubLlmServer(100)) {
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"model\":\"stub\",\"stream\":true,\"messages\":[]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double ms = (System.nanoTime() - start) / 1e6;
            assertTrue(body.contains("\"delta\":{\"content\":\"According \"}"), body);
            assertTrue(body.contains("\"usage\":{"), body);
            assertTrue(body.strip().endsWith("data: [DONE]"), body);
            assertTrue(ms >= stub.scheduledMs() * 0.9, () -> ms + " ms for a " + stub.scheduledMs() + " ms schedule");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void squadQualityFindsTheGoldPassageAndChecksExtractiveAnswers() throws Exception {
        try {
            squadQualityOnTheGuide();
        } finally {
            ChatLatencyBench.deleteGuideCorpus(jdbc);
        }
    }

    @SuppressWarnings("unchecked")
    private void squadQualityOnTheGuide() throws Exception {
        ChatLatencyBench.guideCorpus(jdbc);
        Map<Long, String> chunks = new LinkedHashMap<>();
        jdbc.list(
                        "SELECT c.id, c.content FROM chunks c JOIN documents d ON d.id = c.document_id"
                                + " JOIN collections k ON k.id = d.collection_id WHERE k.name = ?"
                                + " AND d.file_name IN ('getting-started.md', 'faq.txt') ORDER BY c.id",
                        r -> Map.entry(r.getLong(1), r.getString(2)),
                        ChatLatencyBench.GUIDE_COLLECTION)
                .forEach(e -> chunks.put(e.getKey(), e.getValue()));
        List<String> paragraphs = List.copyOf(chunks.values());
        List<SquadQuality.Question> questions = new ArrayList<>();
        for (int p = 0; p < paragraphs.size() && questions.size() < 12; p += 2) {
            String[] words = paragraphs.get(p).split("\\s+");
            if (words.length > 12) {
                questions.add(new SquadQuality.Question(
                        String.join(" ", List.of(words).subList(0, 10)), p, List.of(words[3] + " " + words[4])));
            }
        }
        var squad = new SquadQuality.Squad(paragraphs, questions);

        Map<String, Object> data =
                new SquadQuality(search, embedder, extractive).run(squad, questions, chunks, Set.of(), 40, 5);

        var vector = (Map<String, Object>) ((Map<String, Object>) data.get("modes")).get("vector");
        assertTrue(((Number) vector.get("recallAt10")).doubleValue() >= 0.8, () -> "vector " + vector);
        var answers = (Map<String, Object>) ((Map<String, Object>) data.get("extractive")).get("hybrid");
        assertEquals(5, answers.get("questions"));
        data.put("machine", Machine.describe(jdbc));
        data.put("defaultMode", "hybrid");
        data.put("loadAverageAtEnd", Machine.loadAverage());
        BenchReport.section(OUT, "retrieval-quality", data, QualityReport.markdown(data));
        assertTrue(Files.readString(OUT.resolve("report.md")).contains("| hybrid retrieval |"));
    }
}
