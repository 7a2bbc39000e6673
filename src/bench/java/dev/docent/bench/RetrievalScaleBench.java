package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.docent.embedding.Embedder;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
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
 * {@code make bench} (section retrieval-scale): hybrid top-10 latency and approximate-vs-exact recall@10 on synthetic
 * corpora of 100k and 1M chunks (real text, perturbed real embeddings), the database size, and the time to first
 * token at 100k chunks. System properties: {@code bench.scale.sizes} (100000,1000000), {@code bench.scale.pieces}
 * (real pieces embedded, 4000), {@code bench.scale.queries} (300), {@code bench.scale.passes} (timed passes over the
 * queries, 2), {@code bench.scale.recallQueries} (100), {@code bench.scale.noise} (0.02 per dimension),
 * {@code bench.scale.efSearch} (HNSW breadths, the first is Docent's; default the configured one),
 * {@code bench.scale.m} / {@code bench.scale.efConstruction} (the index built; default V6's), {@code bench.keep}
 * (keep the corpus for the next run), {@code bench.scale.merge} (keep the previous report's levels of other sizes).
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class RetrievalScaleBench {

    static final Path OUT = Path.of("target", "bench");

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    SearchService search;

    @Inject
    RetrievalConfig config;

    @Test
    void retrievalAtScale() {
        Map<String, Object> machine = Machine.describe(jdbc);
        RealTexts texts = RealTexts.load(
                Integer.getInteger("bench.scale.pieces", 4000), Integer.getInteger("bench.scale.queries", 300));
        double noise = Double.parseDouble(System.getProperty("bench.scale.noise", "0.02"));
        var options = new RetrievalScale.Options(
                longs(System.getProperty("bench.scale.sizes", "100000,1000000")),
                Integer.getInteger("bench.scale.passes", 2),
                Integer.getInteger("bench.scale.recallQueries", 100),
                ChatLatencyBench.integers(
                        System.getProperty("bench.scale.efSearch", String.valueOf(config.efSearch()))),
                Integer.getInteger("bench.scale.m", RetrievalScale.V6_M),
                Integer.getInteger("bench.scale.efConstruction", RetrievalScale.V6_EF_CONSTRUCTION),
                Boolean.getBoolean("bench.keep"));
        ChatLoad chat = new ChatLoad(ChatLatencyBench.port(), () -> Tokens.of("alice"));
        List<Map<String, Object>> levels = new RetrievalScale(jdbc, embedder, search)
                .run(texts, noise, options, (size, level) -> {
                    if (size == 100_000 || options.sizes().size() == 1) {
                        level.put("chat", timeToFirstToken(jdbc, chat, texts.queries()));
                    }
                });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", machine);
        data.put(
                "corpus",
                Map.of(
                        "texts",
                        texts.source(),
                        "pieces",
                        texts.pieces().size(),
                        "queries",
                        texts.queries().size(),
                        "noisePerDimension",
                        noise));
        data.put("poolSize", jdbcPoolSize());
        data.put("levels", withEarlierLevels(levels));
        data.put("loadAverageAtEnd", Machine.loadAverage());
        BenchReport.section(OUT, "retrieval-scale", data, ScaleReport.markdown(data, OUT));
        assertFalse(levels.isEmpty());
    }

    /**
     * This run's levels plus those of the previous report's section for corpus sizes this run did not measure (each
     * level carries its own date and load), so 100k and 1M can be measured by separate runs.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> withEarlierLevels(List<Map<String, Object>> levels) {
        Path previous = OUT.resolve("sections").resolve("retrieval-scale.json");
        List<Map<String, Object>> all = new ArrayList<>(levels);
        if (!Boolean.getBoolean("bench.scale.merge") || !java.nio.file.Files.exists(previous)) {
            return all;
        }
        try {
            Map<String, Object> old =
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue(previous.toFile(), Map.class);
            for (Map<String, Object> level : (List<Map<String, Object>>) old.getOrDefault("levels", List.of())) {
                long chunks = ((Number) level.get("chunks")).longValue();
                if (levels.stream().noneMatch(l -> ((Number) l.get("chunks")).longValue() == chunks)) {
                    all.add(level);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        all.sort(java.util.Comparator.comparingLong(l -> ((Number) l.get("chunks")).longValue()));
        return all;
    }

    /**
     * One user's time to first token, over questions whose answer reaches the model (the others are answered "not
     * covered" without it), with its breakdown by stage.
     */
    private static Map<String, Object> timeToFirstToken(Jdbc jdbc, ChatLoad chat, List<String> candidates) {
        try {
            List<String> questions = FirstTokenBreakdown.reachingTheModel(
                    FirstTokenBreakdown.Records.of(jdbc),
                    chat,
                    candidates,
                    Integer.getInteger("bench.scale.chatQuestions", 40),
                    Integer.getInteger("bench.scale.chatQuestionTries", 200));
            if (questions.isEmpty()) {
                return Map.of("note", "no question's answer reached the model");
            }
            chat.run(1, 5, questions); // warm-up
            ChatLoad.Result one = chat.run(1, Integer.getInteger("bench.scale.chatAnswers", 100), questions);
            Map<String, Object> m = new LinkedHashMap<>(one.toMap(0));
            m.put("questionsReachingTheModel", questions.size());
            m.put(
                    "firstTokenBreakdown",
                    FirstTokenBreakdown.summary(FirstTokenBreakdown.Records.of(jdbc), one.samples()));
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jdbcPoolSize() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.jdbc.max-size", String.class)
                .orElse("?");
    }

    static List<Long> longs(String csv) {
        List<Long> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            out.add(Long.valueOf(s.strip()));
        }
        return out;
    }
}
