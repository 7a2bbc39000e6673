package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.LocalModelProfile;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a scripted set of chat answers (a cited one, an uncited one, a fallback, one with no content, a stopped one)
 * and a thumbs down, {@code /q/metrics} names each with its outcome and its provider, model, collection and prompt
 * version, and every model answer keeps its groundedness score.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class AnswerMetricsTest {

    static final String TAG = Tags.random();
    static final String QUESTION = "When does the Vellmoor archive open its reading room?";
    static boolean ingested;

    final StubLlm model = StubLlm.shared("local");

    @Inject
    Jdbc jdbc;

    @Inject
    OperationsMetrics operations;

    @BeforeEach
    void knowledgeBase() {
        model.reset();
        if (ingested) {
            return;
        }
        Documents.ingest("vellmoor-" + TAG + ".md", ("""
                # Vellmoor archive %s

                ## Reading room

                The Vellmoor archive opens its reading room at 8:15 on weekdays and closes it at 17:30. Visitors
                register at the front desk with an identity card.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        ingested = true;
    }

    @Test
    void aScriptedSessionShowsInTheMetricsByOutcomeWithItsTags() throws Exception {
        PrometheusText before = PrometheusText.scrape();
        Map<String, String> local = Map.of("provider", "local", "model", "stub-llama", "collection", "all");

        model.enqueue(Reply.text("The reading room opens at 8:15 on weekdays [1]."));
        JsonPath cited = ask(QUESTION);
        assertTrue(cited.getBoolean("answered"), cited.prettyPrint());
        model.enqueue(Reply.text("The reading room opens early in the morning."));
        JsonPath uncited = ask(QUESTION);
        model.fallback(Reply.error(500));
        JsonPath fallback = ask(QUESTION);
        assertEquals("extractive", fallback.getString("provider"), fallback.prettyPrint());
        model.reset();
        ask("How many penguins live on the volcanic glacier of Zorbakan?");
        String stopped = stopAnswer();
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("rating", "down", "reason", "incorrect"))
                .post("/api/chat/" + cited.getString("messageId") + "/feedback")
                .then()
                .statusCode(200);

        PrometheusText after = PrometheusText.scrape();
        assertIncreased(before, after, "docent_answers_total", with(local, "outcome", "answered"), 2);
        assertIncreased(before, after, "docent_answers_total", Map.of("outcome", "fallback"), 1);
        assertIncreased(before, after, "docent_answers_total", Map.of("outcome", "no_content"), 1);
        assertIncreased(before, after, "docent_answers_total", Map.of("outcome", "stopped"), 1);
        assertIncreased(before, after, "docent_answer_citation_warnings_total", local, 1);
        assertIncreased(before, after, "docent_feedback_total", with(local, "rating", "down"), 1);
        assertIncreased(before, after, "docent_answer_groundedness_ratio_count", local, 2);
        // Two answers, the "not covered" reply and the stopped answer went out in the local model's name.
        assertIncreased(before, after, "docent_answer_first_token_seconds_count", local, 4);
        assertIncreased(before, after, "docent_answer_duration_seconds_count", local, 4);
        assertIncreased(before, after, "docent_retrieval_duration_seconds_count", Map.of("collection", "all"), 5);
        assertTrue(after.sum("docent_llm_tokens_total", with(local, "direction", "in")) > 0, "tokens in");
        assertTrue(after.sum("docent_llm_tokens_total", with(local, "direction", "out")) > 0, "tokens out");
        assertTrue(after.sum("docent_llm_cost_dollars_total", local) > 0, "cost");
        assertTrue(after.has("docent_answer_first_token_seconds_bucket"), "a histogram, for percentiles");
        String promptVersion = after.named("docent_answers_total").stream()
                .filter(s -> "stub-llama".equals(s.labels().get("model")))
                .filter(s -> "answered".equals(s.labels().get("outcome")))
                .map(s -> s.labels().get("prompt_version"))
                .findFirst()
                .orElseThrow();
        assertTrue(!promptVersion.equals("none"), "model answers carry their prompt version");

        assertEquals(1.0, groundedness(cited.getString("messageId")).orElseThrow(), 1e-9, "cited and supported");
        assertEquals("stopped", observed(stopped, "outcome"));
        assertNull(groundedness(fallback.getString("messageId")).orElse(null), "no model wrote the fallback");
        assertEquals("down", observed(cited.getString("messageId"), "rating"));

        List<String> toReview = given().auth()
                .oauth2(Tokens.of("manager"))
                .get("/api/monitoring/answers/low-groundedness?below=0.5")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("messageId");
        assertTrue(toReview.contains(uncited.getString("messageId")), "the uncited answer is listed for review");
        assertTrue(!toReview.contains(cited.getString("messageId")), "the supported answer is not");
    }

    @Test
    void aBrokenReviewLevelIsRefusedWithAMessage() {
        for (String query : List.of("below=abc", "below=2", "below=NaN", "limit=0", "limit=1.5", "limit=99999")) {
            given().auth()
                    .oauth2(Tokens.of("manager"))
                    .get("/api/monitoring/answers/low-groundedness?" + query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("'"))
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception")));
        }
    }

    @Test
    void ingestionAndGapsShowInTheMetrics() throws InterruptedException {
        PrometheusText before = PrometheusText.scrape();
        Documents.ingest(
                "ledger-" + TAG + ".md",
                ("# Ledger " + TAG + "\n\nThe Quorvast ledger is closed every Friday at noon.\n")
                        .getBytes(StandardCharsets.UTF_8));
        Documents.ingest("empty-" + TAG + ".md", new byte[] {' ', '\n'});
        operations.refresh();
        // A document shows as ready (or failed) a moment before its attempt is counted: poll the metrics.
        PrometheusText after = await(
                () -> {
                    PrometheusText now = PrometheusText.scrape();
                    return increase(before, now, "docent_ingestion_documents_total", Map.of("result", "ready")) >= 1
                                    && increase(
                                                    before,
                                                    now,
                                                    "docent_ingestion_failures_total",
                                                    Map.of("reason", "empty"))
                                            >= 1
                            ? now
                            : null;
                },
                Duration.ofSeconds(10));
        assertIncreased(before, after, "docent_ingestion_documents_total", Map.of("result", "ready"), 1);
        assertIncreased(before, after, "docent_ingestion_failures_total", Map.of("reason", "empty"), 1);
        assertTrue(after.sum("docent_ingestion_chunks_total", Map.of()) >= 1);
        assertTrue(after.has("docent_ingestion_embedding_chunk_duration_seconds_count"));
        assertTrue(after.named("docent_ingestion_queue_depth").size() == 2, "waiting and running");
        assertTrue(after.named("docent_gap_clusters").stream()
                .anyMatch(s -> "open".equals(s.labels().get("status"))));
    }

    @Test
    void onlyAdminsReadTheMetrics() {
        given().auth().oauth2(Tokens.of("alice")).get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(Tokens.of("manager")).get("/q/metrics").then().statusCode(403);
        given().redirects().follow(false).get("/q/metrics").then().statusCode(org.hamcrest.Matchers.oneOf(302, 401));
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(tags);
        out.put(key, value);
        return out;
    }

    private static double increase(
            PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static void assertIncreased(
            PrometheusText before, PrometheusText after, String name, Map<String, String> labels, double by) {
        double change = after.sum(name, labels) - before.sum(name, labels);
        assertEquals(by, change, 1e-9, name + labels + " changed by " + change);
    }

    @Test
    void conciseAnswersAreRecordedAsSuchAndTheUsageReportComparesThemWithFullOnes() {
        model.enqueue(Reply.text("The Vellmoor archive opens its reading room at 8:15 on weekdays, and it closes the"
                + " reading room again at 17:30; visitors register at the front desk with an identity card [1]."));
        JsonPath full = ask(QUESTION, false);
        model.enqueue(Reply.text("At 8:15 on weekdays [1]."));
        JsonPath concise = ask(QUESTION, true);
        assertEquals("false", observed(full.getString("messageId"), "concise::text"));
        assertEquals("true", observed(concise.getString("messageId"), "concise::text"));

        List<Map<String, Object>> savings = given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/usage?window=24h")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("concise");
        Map<String, Object> stub = savings.stream()
                .filter(r -> "stub-llama".equals(r.get("model")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no concise row for the stub model: " + savings));
        assertTrue(((Number) stub.get("conciseAnswers")).intValue() >= 1, stub.toString());
        assertTrue(((Number) stub.get("fullAnswers")).intValue() >= 1, stub.toString());
        assertTrue(stub.get("tokensSaved") != null, "compared with the full-length answers: " + stub);
    }

    private static JsonPath ask(String question) {
        return ask(question, false);
    }

    private static JsonPath ask(String question, boolean concise) {
        return given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question, "concise", concise))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Starts a streamed answer and closes the stream after its first piece, as the Stop button does. */
    private String stopAnswer() throws Exception {
        List<String> pieces = new ArrayList<>(List.of("The reading room opens [1]."));
        for (int i = 0; i < 20; i++) {
            pieces.add(" More " + i + " [1].");
        }
        model.enqueue(new Reply(200, pieces, 0, 300));
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/chat"))
                    .header("Authorization", "Bearer " + Tokens.of("alice"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + QUESTION + "\"}"))
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String id = null;
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.contains("reading room opens")) {
                    if (line.startsWith("data:") && line.contains("messageId")) {
                        id = new JsonPath(line.substring(5)).getString("messageId");
                    }
                }
            }
            assertNotNull(id, "the start event names the message");
            String messageId = id;
            await(() -> observed(messageId, "outcome"), Duration.ofSeconds(15));
            return messageId;
        }
    }

    private Optional<Double> groundedness(String messageId) {
        return jdbc.one(
                        "SELECT groundedness FROM answer_observations WHERE message_id = ?::uuid",
                        row -> Optional.ofNullable(Jdbc.nullableDouble(row, "groundedness")),
                        messageId)
                .orElseThrow();
    }

    private String observed(String messageId, String column) {
        return jdbc.one(
                        "SELECT " + column + " FROM answer_observations WHERE message_id = ?::uuid",
                        row -> row.getString(1),
                        messageId)
                .orElse(null);
    }

    /** Polls {@code value} until it is not null, up to {@code timeout}. */
    static <T> T await(Supplier<T> value, Duration timeout) {
        return Poll.until(() -> Optional.ofNullable(value.get()), timeout, () -> "still nothing");
    }
}
