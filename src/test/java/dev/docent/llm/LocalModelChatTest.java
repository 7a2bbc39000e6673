package dev.docent.llm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers written by a local OpenAI-compatible model: streamed, cited, checked, recorded, and safe when it fails. */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class LocalModelChatTest {

    static final String TAG = Tags.random();
    static final String QUESTION = "When does the Quillmere canteen serve lunch?";
    static boolean ingested;

    final StubLlm model = StubLlm.shared("local");

    @Inject
    Jdbc jdbc;

    @BeforeEach
    void knowledgeBase() {
        model.reset();
        if (ingested) {
            return;
        }
        Documents.ingest("quillmere-" + TAG + ".md", ("""
                # Quillmere canteen %s

                ## Opening hours

                The Quillmere canteen serves lunch from 11:30 to 14:00 on working days. Breakfast is served from 7:45
                to 9:30 on the terrace.

                ## Vouchers

                Every employee of Quillmere receives twelve meal vouchers per month.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        ingested = true;
    }

    @Test
    void theModelsAnswerStreamsWithStartDeltasCitationsAndDone() {
        model.enqueue(Reply.text("Lunch is served", " from 11:30 to 14:00", " on working days [", "1]."));
        String body = stream("alice", Map.of("question", QUESTION));
        int start = body.indexOf("event:start");
        int delta = body.indexOf("event:delta");
        int citations = body.indexOf("event:citations");
        int done = body.indexOf("event:done");
        assertTrue(start >= 0 && start < delta && delta < citations && citations < done, body);
        assertTrue(body.contains("\"provider\":\"local\"") && body.contains("\"model\":\"stub-llama\""), body);
        assertTrue(body.indexOf("event:delta") != body.lastIndexOf("event:delta"), "several deltas:\n" + body);
        JsonPath answer = doneEvent(body);
        assertEquals("Lunch is served from 11:30 to 14:00 on working days [1].", answer.getString("answer"));
        assertTrue(answer.getBoolean("answered"));
        assertEquals("local", answer.getString("provider"));
        assertEquals(1, answer.getList("citations").size());
        assertTrue(answer.getString("citations[0].passage").contains("11:30 to 14:00"));
    }

    @Test
    void thePromptDelimitsNumberedPassagesAndAsksForCitationsAndTheSignal() {
        model.enqueue(Reply.text("Lunch runs from 11:30 to 14:00 [1]."));
        ask("alice", Map.of("question", QUESTION)).then().statusCode(200);
        JsonNode request = model.requests().getFirst();
        assertEquals("stub-llama", request.get("model").asText());
        String prompt = StubLlm.prompt(request);
        // The answer guard's canary opens the system prompt (issue 14); the instructions follow it.
        assertTrue(prompt.startsWith("system: Confidential marker DOCENT-"), prompt);
        assertTrue(prompt.contains("\n\nYou are Docent, an assistant"), prompt);
        assertTrue(prompt.contains("NOT_IN_KB"), "the machine-readable signal is asked for");
        assertTrue(prompt.contains("<passage n=\"1\" source=\"Quillmere canteen "), prompt);
        assertTrue(prompt.contains("</passage>"), prompt);
        assertTrue(prompt.contains("<question>\n" + QUESTION + "\n</question>"), prompt);
        // Few-shot: a worked example answered and one not, as earlier turns.
        assertTrue(prompt.contains("assistant: Employees with at least six months"), prompt);
        assertTrue(prompt.contains("assistant: NOT_IN_KB"), prompt);
        assertFalse(prompt.contains("Be concise"), "concise only when asked");

        model.enqueue(Reply.text("From 11:30 to 14:00 [1]."));
        ask("alice", Map.of("question", QUESTION, "concise", true)).then().statusCode(200);
        assertTrue(StubLlm.prompt(model.requests().get(1)).contains("Be concise"));
    }

    @Test
    void aCitationNumberThatWasNotSentIsRemovedAndTheRestRenumbered() {
        model.enqueue(Reply.text("Lunch is from 11:30 [7]. It ends at 14:00 [1][9]."));
        JsonPath answer = ask("alice", Map.of("question", QUESTION))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("Lunch is from 11:30. It ends at 14:00 [1].", answer.getString("answer"));
        assertEquals(1, answer.getList("citations").size());
        assertEquals(1, answer.getInt("citations[0].n"));
    }

    @Test
    void theNotInTheKnowledgeBaseSignalBecomesAPlainUnansweredRecord() {
        model.enqueue(Reply.text("NOT_", "IN_KB"));
        String body = stream("alice", Map.of("question", "What colour are the Quillmere canteen chairs?"));
        assertFalse(body.contains("NOT_IN_KB"), "the signal never reaches the user:\n" + body);
        JsonPath answer = doneEvent(body);
        assertFalse(answer.getBoolean("answered"));
        assertEquals(Answer.NOT_COVERED, answer.getString("answer"));
        assertEquals(0, answer.getList("citations").size());
        Map<String, Object> row = message(answer.getString("messageId"));
        assertEquals(false, row.get("answered"));
        assertEquals("abstained", row.get("unanswered_cause"), "close passages, but the model abstained");
    }

    @Test
    void tokensCostLatencyAndPromptVersionAreRecorded() {
        model.enqueue(Reply.text("Lunch", " is from 11:30 to 14:00 [1]."));
        String id = ask("alice", Map.of("question", QUESTION))
                .then()
                .statusCode(200)
                .extract()
                .path("messageId");
        Map<String, Object> row = message(id);
        int prompt = (Integer) row.get("prompt_tokens");
        int completion = (Integer) row.get("completion_tokens");
        assertTrue(prompt > 100, "the stub counts the prompt: " + prompt);
        assertEquals(2, completion);
        BigDecimal expected = BigDecimal.valueOf(prompt * 2L + completion * 10L)
                .divide(BigDecimal.valueOf(1_000_000))
                .setScale(6, java.math.RoundingMode.HALF_UP);
        assertEquals(0, expected.compareTo((BigDecimal) row.get("cost_usd")), "price table: $2 in, $10 out per 1M");
        assertEquals(PromptBuilder.VERSION, row.get("prompt_version"));
        assertEquals("stub-llama", row.get("model"));
        assertNotNull(row.get("first_token_ms"));
        assertTrue((Integer) row.get("first_token_ms") <= (Integer) row.get("total_ms"));
    }

    @Test
    void aProviderErrorBeforeTheFirstTokenIsRetriedOnce() {
        model.enqueue(Reply.error(500), Reply.text("Lunch is from 11:30 to 14:00 [1]."));
        JsonPath answer = ask("alice", Map.of("question", QUESTION))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, model.requests().size(), "one retry");
        assertEquals("local", answer.getString("provider"));
        assertNull(answer.getString("notice"));
    }

    @Test
    void whenTheProviderKeepsFailingTheUserGetsTheExtractiveAnswerWithANotice() {
        model.enqueue(Reply.error(503), Reply.error(503));
        JsonPath answer = ask("alice", Map.of("question", QUESTION))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("extractive", answer.getString("provider"));
        assertTrue(answer.getString("notice").contains("composed directly from the documents"));
        assertTrue(answer.getString("answer").contains("11:30"), "still a useful answer");
        assertTrue(answer.getBoolean("answered"));
        assertFalse(answer.getString("notice").contains("503"), "no internals in the notice");
    }

    @Test
    void aModelThatDoesNotStartInTimeFallsBackToExtractive() {
        model.enqueue(
                Reply.text("Too late [1].").after(2500),
                Reply.text("Too late again [1].").after(2500));
        String body = stream("alice", Map.of("question", QUESTION));
        JsonPath answer = doneEvent(body);
        assertEquals("extractive", answer.getString("provider"));
        assertTrue(answer.getString("notice").contains("did not start answering in time"), answer.prettyPrint());
        assertFalse(body.contains("Too late"), "a timed-out attempt never shows its text");
    }

    @Test
    void closingTheStreamStopsTheAnswerAndRecordsWhatWasSaid() throws Exception {
        List<String> pieces = new java.util.ArrayList<>(List.of("Lunch is served [1]."));
        for (int i = 0; i < 20; i++) {
            pieces.add(" More detail " + i + " [1].");
        }
        model.enqueue(new Reply(200, pieces, 0, 300));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/chat"))
                .header("Authorization", "Bearer " + Tokens.of("alice"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"question\": \"" + QUESTION + "\"}"))
                .build();
        java.net.http.HttpResponse<java.io.InputStream> response =
                client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        String messageId;
        try (var lines =
                new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String id = null;
            while ((line = lines.readLine()) != null && !line.contains("Lunch is served")) {
                if (line.startsWith("data:") && line.contains("messageId")) {
                    id = new JsonPath(line.substring(5)).getString("messageId");
                }
            }
            messageId = id;
        } // closing the body is the user's "Stop"
        assertNotNull(messageId, "the start event names the message");
        Map<String, Object> row = null;
        for (int i = 0; i < 50 && row == null; i++) {
            Thread.sleep(200);
            row = jdbc.one(
                            "SELECT notice, answer FROM messages WHERE id = ?::uuid",
                            r -> Map.<String, Object>of(
                                    "notice", r.getString("notice"), "answer", r.getString("answer")),
                            messageId)
                    .orElse(null);
        }
        assertNotNull(row, "the stopped answer is recorded");
        assertEquals("Stopped before the answer was complete.", row.get("notice"));
        assertNull(message(messageId).get("unanswered_cause"), "a stop is not a knowledge gap");
        assertTrue(((String) row.get("answer")).startsWith("Lunch is served"), row.toString());
        assertFalse(((String) row.get("answer")).contains("More detail 19"), "the model's stream was cut short");
        client.close();
    }

    @Test
    void aModelThatStallsMidAnswerIsTakenBackAndReplacedByTheExtractiveAnswer() {
        model.enqueue(new Reply(200, List.of("Lunch is", " served at", " some point", " [1]."), 0, 4000));
        String body = stream("alice", Map.of("question", QUESTION));
        int firstDelta = body.indexOf("event:delta");
        int reset = body.indexOf("event:reset");
        assertTrue(firstDelta >= 0 && reset > firstDelta, "the model's start was shown, then taken back:\n" + body);
        JsonPath answer = doneEvent(body);
        assertEquals("extractive", answer.getString("provider"));
        assertTrue(answer.getString("notice").contains("did not finish its answer in time"), answer.prettyPrint());
        assertFalse(answer.getString("answer").contains("Lunch is served at"), "no mix of the two answers");
        assertTrue(answer.getString("answer").contains("11:30"));
    }

    @Test
    void anUncitedAnswerCarriesAWarning() {
        model.enqueue(Reply.text("Lunch is at noon."));
        JsonPath answer = ask("alice", Map.of("question", QUESTION))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("Lunch is at noon.", answer.getString("answer"));
        assertTrue(answer.getString("notice").contains("no sources"));
    }

    @Test
    void aFollowUpIsRewrittenByTheModelFromTheEarlierQuestions() {
        model.enqueue(Reply.text("Lunch is from 11:30 to 14:00 [1]."));
        String conversation = ask("alice", Map.of("question", QUESTION))
                .then()
                .statusCode(200)
                .extract()
                .path("conversationId");
        model.enqueue(
                Reply.text("How many meal vouchers does a Quillmere employee receive?"),
                Reply.text("Twelve per month [1]."));
        JsonPath answer = ask(
                        "alice",
                        Map.of("question", "And how many vouchers do they get?", "conversationId", conversation))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String rewritePrompt = StubLlm.prompt(model.requests().get(1));
        assertTrue(rewritePrompt.contains("standalone search query"), rewritePrompt);
        assertTrue(rewritePrompt.contains("<question>" + QUESTION + "</question>"), rewritePrompt);
        Map<String, Object> row = message(answer.getString("messageId"));
        assertEquals("How many meal vouchers does a Quillmere employee receive?", row.get("rewritten_query"));
        assertTrue(answer.getString("citations[0].passage").contains("twelve meal vouchers"));
    }

    @Test
    void aQuestionTheDocumentsDoNotCoverNeverReachesTheModel() {
        JsonPath answer = ask("alice", Map.of("question", "Xylophone tuning frequencies of Venusian orchestras?"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertFalse(answer.getBoolean("answered"));
        assertEquals(0, model.requests().size(), "no tokens spent on a question retrieval cannot support");
        assertEquals("no_content", message(answer.getString("messageId")).get("unanswered_cause"));
    }

    @Test
    void badInputIsRefusedBeforeAnyModelCall() {
        ask("alice", Map.of("question", "")).then().statusCode(400).body("detail", containsString("empty"));
        ask("alice", Map.of("question", QUESTION, "collection", "no-such-collection-" + TAG))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("no collection named"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(Map.of(
                        "question",
                        QUESTION,
                        "conversationId",
                        UUID.randomUUID().toString()))
                .post("/api/chat")
                .then()
                .statusCode(404)
                .body("detail", not(containsString("Exception")));
        assertEquals(0, model.requests().size());
    }

    @Test
    void theChatPageSaysWhichModelAnswers() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/chat")
                .then()
                .statusCode(200)
                .body(containsString("Answers are written by the local model stub-llama"))
                .body(containsString("Short answer"));
    }

    private static io.restassured.response.Response ask(String user, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat");
    }

    /**
     * Every one of many concurrent streams shows the model's words as they come. LangChain4j's JDK client sometimes
     * reads a whole stream on the thread that made the call; the words then waited until the model had finished and
     * some streams got their first {@code delta} only at the very end (about 15 % of 200 streams in {@code make
     * bench-chat}). Streams the model answered must show their first words at least half the stub's schedule before
     * their {@code done}.
     */
    @Test
    void manyConcurrentStreamsEachShowTheFirstWordsLongBeforeTheModelFinishes() throws Exception {
        int streams = 24;
        List<String> pieces = new java.util.ArrayList<>(List.of("Lunch is served"));
        for (int i = 0; i < 11; i++) {
            pieces.add(" from 11:30" + (i == 10 ? " [1]." : ","));
        }
        long everyMs = 250;
        long scheduleMs = everyMs * (pieces.size() - 1); // the stub's last piece, after its first
        model.fallback(new Reply(200, pieces, 0, everyMs));
        String token = Tokens.of("alice");
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
        List<java.util.concurrent.CompletableFuture<StreamTimes>> all = new java.util.ArrayList<>();
        try (var users = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < streams; i++) {
                all.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> timedStream(client, token), users));
            }
            java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(3, java.util.concurrent.TimeUnit.MINUTES);
        }
        List<StreamTimes> times =
                all.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        List<StreamTimes> byModel =
                times.stream().filter(t -> "local".equals(t.provider())).toList();
        // A loaded machine may push a few past the profile's 1.5 s first-token timeout (extractive fallback); those
        // follow no schedule. Most must be the model's.
        assertTrue(byModel.size() >= streams / 2, "most streams answered by the model: " + times);
        List<StreamTimes> late = byModel.stream()
                .filter(t -> t.doneMs() - t.firstDeltaMs() < scheduleMs / 2)
                .toList();
        assertEquals(
                List.of(), late, "streams whose first words came at the end (stub schedule " + scheduleMs + " ms)");
    }

    /** When one streamed answer's events arrived, in ms from the request; who wrote it. */
    record StreamTimes(double firstDeltaMs, double doneMs, int deltas, String provider) {}

    private static StreamTimes timedStream(java.net.http.HttpClient client, String token) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/chat"))
                .timeout(java.time.Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"question\": \"" + QUESTION + "\"}"))
                .build();
        long start = System.nanoTime();
        double first = -1;
        int deltas = 0;
        String event = "";
        try {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    double now = (System.nanoTime() - start) / 1e6;
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && event.equals("delta")) {
                        deltas++;
                        if (first < 0) {
                            first = now;
                        }
                    } else if (line.startsWith("data:") && event.equals("done")) {
                        return new StreamTimes(
                                first, now, deltas, new JsonPath(line.substring(5)).getString("provider"));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the stream ended without a done event");
    }

    static String stream(String user, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(body)
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    static JsonPath doneEvent(String body) {
        int done = body.indexOf("event:done");
        String data = body.substring(body.indexOf("data:", done) + 5).strip();
        return new JsonPath(data.lines().findFirst().orElseThrow());
    }

    Map<String, Object> message(String id) {
        return jdbc.one(
                        """
                        SELECT answered, unanswered_cause, prompt_tokens, completion_tokens, cost_usd, prompt_version,
                               model, first_token_ms, total_ms, rewritten_query
                        FROM messages WHERE id = ?::uuid
                        """,
                        row -> {
                            Map<String, Object> m = new java.util.HashMap<>();
                            for (String c : List.of(
                                    "answered",
                                    "unanswered_cause",
                                    "prompt_tokens",
                                    "completion_tokens",
                                    "cost_usd",
                                    "prompt_version",
                                    "model",
                                    "first_token_ms",
                                    "total_ms",
                                    "rewritten_query")) {
                                m.put(c, row.getObject(c));
                            }
                            return m;
                        },
                        id)
                .orElseThrow();
    }
}
