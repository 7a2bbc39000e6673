package dev.docent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One arm of one round of the monitoring overhead benchmark: time to first token of sequential streamed answers (one
 * user, the stub model) and ingestion throughput of small generated documents. Each arm keeps its raw samples in
 * {@code target/bench/overhead-<arm>-<round>.json}; the last arm of the last round writes the side-by-side section.
 * System properties: {@code bench.overhead.answers} (120), {@code bench.overhead.documents} (30).
 */
final class MonitoringOverhead {

    static final Path OUT = Path.of("target", "bench");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int WARMUP = 15;

    private MonitoringOverhead() {}

    static void run(String arm, int round, Jdbc jdbc, java.util.function.Supplier<Map<String, Object>> extra)
            throws Exception {
        int answers = Integer.getInteger("bench.overhead.answers", 120);
        int documents = Integer.getInteger("bench.overhead.documents", 30);
        List<String> questions = ChatLatencyBench.guideCorpus(jdbc);
        ChatLoad chat = new ChatLoad(ChatLatencyBench.port(), () -> Tokens.of("alice"));
        for (int i = 0; i < WARMUP; i++) {
            chat.ask(questions.get(i % questions.size()));
        }
        List<Double> ttft = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < answers; i++) {
            ChatLoad.Sample s = chat.ask(questions.get(i % questions.size()));
            if (s.error() == null) {
                ttft.add(s.ttftMs());
            } else {
                errors++;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("arm", arm);
        data.put("round", round);
        data.put("finishedAt", Instant.now().toString());
        data.put("machine", Machine.describe(jdbc));
        data.put("ttftMs", ttft);
        data.put("answerErrors", errors);
        data.putAll(ingest(documents));
        data.putAll(extra.get());
        data.put("loadAverageAtEnd", Machine.loadAverage());
        Files.createDirectories(OUT);
        JSON.writeValue(OUT.resolve("overhead-" + arm + "-" + round + ".json").toFile(), data);
        MonitoringOverheadReport.writeWhenComplete(OUT);
    }

    /** Uploads {@code n} generated documents at once and times until every one is ready. */
    private static Map<String, Object> ingest(int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(42);
        Instant start = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Documents.upload("overhead-" + run + "-" + i + ".md", document(random, run, i), null)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201, 202))
                    .extract()
                    .path("id"));
        }
        long chunks = 0;
        for (String id : ids) {
            Map<String, Object> doc = Documents.awaitFinal(id, Duration.ofMinutes(10));
            if (!"ready".equals(doc.get("status"))) {
                throw new AssertionError("document not ingested: " + doc);
            }
            chunks += ((Number) doc.getOrDefault("chunks", 0)).longValue();
        }
        double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", n);
        m.put("chunks", chunks);
        m.put("ingestSeconds", seconds);
        m.put("documentsPerSecond", n / seconds);
        return m;
    }

    /** A Markdown document of a few sections, different in every run (so it is never a duplicate upload). */
    private static byte[] document(Random random, String run, int i) {
        String[] words = {
            "ledger",
            "invoice",
            "shipment",
            "quarterly",
            "warehouse",
            "policy",
            "audit",
            "customer",
            "renewal",
            "schedule",
            "transfer",
            "approval",
            "budget",
            "contract",
            "service",
            "review"
        };
        StringBuilder text = new StringBuilder("# Operations note " + run + " " + i + "\n\n");
        for (int section = 0; section < 4; section++) {
            text.append("## Section ").append(section).append("\n\n");
            for (int sentence = 0; sentence < 8; sentence++) {
                for (int w = 0; w < 14; w++) {
                    text.append(words[random.nextInt(words.length)]).append(' ');
                }
                text.append(run).append(i).append(".\n");
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }
}
