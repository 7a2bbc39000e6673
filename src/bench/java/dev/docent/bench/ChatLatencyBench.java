package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench} (section chat-latency): time to first token at 1 and 50 concurrent users with a zero-latency stub
 * provider, and 200 concurrent streaming chats against a stub streaming 20 tokens/s, over Docent's user guide.
 * System properties: {@code bench.chat.users} (1,10,50), {@code bench.chat.answersPerUser} (20),
 * {@code bench.chat.pacedUsers} (200), {@code bench.chat.pacedTokensPerSecond} (20), {@code bench.chat.pacedAnswerRepeats} (the stub's 17-token answer
 * said 10 times: 170 tokens, 8.5 s at 20 tokens/s; users arrive over that time), {@code bench.provider},
 * {@code bench.chat.breakdownAnswers} (100: one user's answers whose first token is broken down by stage),
 * {@code bench.chat.questions} (40 guide questions whose answer reaches the model, found among the first
 * {@code bench.chat.questionTries}, 200). Every figure is over answers that reach the model.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class ChatLatencyBench {

    static final Path OUT = Path.of("target", "bench");

    @Inject
    Jdbc jdbc;

    @Test
    void timeToFirstTokenAndConcurrentStreams() throws Exception {
        Map<String, Object> machine = Machine.describe(jdbc);
        ChatLoad one = new ChatLoad(port(), () -> Tokens.of("alice"));
        // Only questions whose answer reaches the model: the others are answered "not covered" without it.
        List<String> questions = FirstTokenBreakdown.reachingTheModel(
                FirstTokenBreakdown.Records.of(jdbc),
                one,
                guideCorpus(jdbc),
                Integer.getInteger("bench.chat.questions", 40),
                Integer.getInteger("bench.chat.questionTries", 200));
        assertTrue(questions.size() >= 5, "only " + questions.size() + " guide questions reach the model");
        var options = new ChatLatency.Options(
                integers(System.getProperty("bench.chat.users", "1,10,50")),
                Integer.getInteger("bench.chat.answersPerUser", 20),
                Integer.getInteger("bench.chat.pacedUsers", 200),
                Double.parseDouble(System.getProperty("bench.chat.pacedTokensPerSecond", "20")),
                1,
                Integer.getInteger("bench.chat.pacedAnswerRepeats", 10));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", machine);
        data.put("provider", StubProviderProfile.provider());
        data.put("questionsReachingTheModel", questions.size());
        data.put("firstTokenBreakdown", breakdown(one, questions));
        data.putAll(
                new ChatLatency(port(), () -> Tokens.of("alice"), StubProviderProfile.STUB).run(questions, options));
        data.put("loadAverageAtEnd", Machine.loadAverage());
        BenchReport.section(OUT, "chat-latency", data, ChatReport.markdown(data, OUT));
        @SuppressWarnings("unchecked")
        var levels = (List<Map<String, Object>>) data.get("zeroLatencyStub");
        for (var level : levels) {
            assertEquals(0L, level.get("errors"), () -> "no failed answers: " + level);
        }
        assertTrue(levels.size() == options.users().size());
    }

    /** One user, {@code bench.chat.breakdownAnswers} answers (100) after a warm-up: the stages of each first token. */
    private Map<String, Object> breakdown(ChatLoad one, List<String> questions) throws InterruptedException {
        one.run(1, 10, questions); // warm-up
        ChatLoad.Result result = one.run(1, Integer.getInteger("bench.chat.breakdownAnswers", 100), questions);
        Map<String, Object> m = FirstTokenBreakdown.summary(FirstTokenBreakdown.Records.of(jdbc), result.samples());
        m.put("errors", result.errors());
        m.put("loadAverage", Machine.loadAverage());
        return m;
    }

    static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    /** The collection the chat benchmarks upload Docent's user guide into (open to everyone). */
    static final String GUIDE_COLLECTION = "bench-guide";

    /**
     * Uploads the user guide into {@link #GUIDE_COLLECTION} (created if missing; the same bytes are the same
     * document, so this is idempotent) and returns questions about it.
     */
    static List<String> guideCorpus(Jdbc jdbc) throws IOException {
        jdbc.update(
                "INSERT INTO collections (name, description, created_by) VALUES (?, 'Benchmark copy of the user guide',"
                        + " 'bench') ON CONFLICT (name) DO NOTHING",
                GUIDE_COLLECTION);
        for (String name : List.of("getting-started.md", "administration.html", "faq.txt")) {
            try (InputStream in = ChatLatencyBench.class.getResourceAsStream("/user-guide/" + name)) {
                String id = Documents.upload(name, in.readAllBytes(), GUIDE_COLLECTION)
                        .then()
                        .extract()
                        .path("id");
                Documents.awaitFinal(id, java.time.Duration.ofSeconds(120));
            }
        }
        return RealTexts.guide(1000, 200).queries();
    }

    /** Deletes the guide's benchmark collection and its documents. */
    static void deleteGuideCorpus(Jdbc jdbc) {
        jdbc.update(
                "DELETE FROM documents WHERE collection_id = (SELECT id FROM collections WHERE name = ?)",
                GUIDE_COLLECTION);
        jdbc.update("DELETE FROM collections WHERE name = ?", GUIDE_COLLECTION);
    }

    static List<Integer> integers(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            out.add(Integer.valueOf(s.strip()));
        }
        return out;
    }
}
