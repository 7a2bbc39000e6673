package dev.docent.prompts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a model (the local stub speaking OpenAI's protocol): promoting a version changes what chat sends, a run can try
 * a version that is not active, and model-as-judge scores a run's answers under its own label.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class PromptVersionModelTest {

    static final String TAG = Tags.random();
    static final String QUESTION = "When does the Brindlewick canteen serve lunch?";
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
        Documents.ingest("brindlewick-" + TAG + ".md", ("""
                # Brindlewick canteen %s

                ## Opening hours

                The Brindlewick canteen serves lunch from 11:45 to 13:30 on working days.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        ingested = true;
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    /** A new answer version whose system prompt ends with {@code rule}; not promoted. */
    static String createVersion(String rule) throws IOException {
        return as("manager")
                .contentType(ContentType.JSON)
                .body(PromptApiTest.answerVersion(
                        PromptTemplatesTest.shipped("answer-system.v1.txt") + rule + "\n",
                        PromptTemplatesTest.shipped("answer-user.v1.txt"),
                        "test: " + rule))
                .post("/api/prompts")
                .then()
                .statusCode(201)
                .extract()
                .path("label");
    }

    static String activeAnswer() {
        return as("manager").get("/api/prompts").then().extract().path("kinds.find { it.kind == 'answer' }.active");
    }

    static String systemMessage(JsonNode request) {
        return request.get("messages").get(0).get("content").asText();
    }

    @Test
    void promotingAVersionChangesTheSystemPromptChatSendsAndTheVersionRecorded() throws IOException {
        String before = activeAnswer();
        String rule = "8. Sign every answer with the word Plumtree-" + TAG + ".";
        String label = createVersion(rule);
        try {
            model.enqueue(Reply.text("Lunch is from 11:45 to 13:30 [1]."));
            ask();
            assertFalse(systemMessage(model.requests().getLast()).contains(rule), "not active yet");

            as("manager").post("/api/prompts/" + label + "/promote").then().statusCode(200);
            model.enqueue(Reply.text("Lunch is from 11:45 to 13:30 [1]."));
            String messageId = ask();
            assertTrue(
                    systemMessage(model.requests().getLast()).contains(rule),
                    systemMessage(model.requests().getLast()));
            assertEquals(
                    label,
                    jdbc.one("SELECT prompt_version FROM messages WHERE id = ?::uuid", r -> r.getString(1), messageId)
                            .orElseThrow());
        } finally {
            as("manager").post("/api/prompts/" + before + "/promote").then().statusCode(200);
        }
        model.enqueue(Reply.text("Lunch is from 11:45 to 13:30 [1]."));
        ask();
        assertFalse(systemMessage(model.requests().getLast()).contains(rule), "back to the earlier version");
    }

    @Test
    void aRunWithAVersionThatIsNotActiveAnswersWithItAndRecordsItOnItsItems() throws IOException {
        String before = activeAnswer();
        String rule = "8. Mention the colour teal-" + TAG + ".";
        String label = createVersion(rule);
        model.enqueue(Reply.text("Lunch is from 11:45 to 13:30 [1]."));
        JsonPath run = run(Map.of("provider", "local", "promptVersion", label));
        assertEquals(label, run.getString("items[0].promptVersion"));
        assertEquals(label, run.getString("config.promptVersion"));
        assertTrue(systemMessage(model.requests().getFirst()).contains(rule));
        assertEquals(before, activeAnswer(), "trying a version does not promote it");
        assertNotEquals(label, before);
    }

    @Test
    void modelAsJudgeScoresEachAnswerUnderItsOwnLabel() {
        model.enqueue(
                Reply.text("Lunch is from 11:45 to 13:30 [1]."),
                Reply.text("SCORE: 4 Correct, but it does not say which days."));
        JsonPath run = run(Map.of("provider", "local", "judge", true));
        assertEquals("model-as-judge", run.getString("metrics.modelAsJudge.label"));
        assertEquals(0.75f, run.getFloat("metrics.modelAsJudge.score"));
        assertEquals(1, run.getInt("metrics.modelAsJudge.judged"));
        assertEquals("judge-v1", run.getString("metrics.modelAsJudge.promptVersion"));
        assertEquals("model-as-judge", run.getString("items[0].modelAsJudge.label"));
        assertEquals(4, run.getInt("items[0].modelAsJudge.grade"));
        assertTrue(run.getString("items[0].modelAsJudge.reason").contains("which days"));
        assertEquals(2, model.requests().size(), "one answer, one judgement");
        String judged = StubLlm.prompt(model.requests().get(1));
        assertTrue(judged.contains("Reply with one line: SCORE: n"), judged);
        assertTrue(judged.contains("<expected_answer>\n11:45 to 13:30\n</expected_answer>"), judged);
        assertTrue(judged.contains("<answer>\nLunch is from 11:45 to 13:30 [1].\n</answer>"), judged);
        assertTrue(judged.contains("serves lunch from 11:45"), "the passages: " + judged);
        // Judge-free metrics stay as they are, beside it.
        assertEquals(1.0f, run.getFloat("metrics.correct"));
    }

    private String ask() {
        return as("alice")
                .contentType(ContentType.JSON)
                .body(Map.of("question", QUESTION))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .path("messageId");
    }

    @SuppressWarnings("unchecked")
    private JsonPath run(Map<String, Object> config) {
        String set = as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "brindlewick " + UUID.randomUUID(),
                        "items",
                        List.of(Map.of("question", QUESTION, "expectedAnswer", "11:45 to 13:30", "answerable", true))))
                .post("/api/eval/sets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id = as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("setId", set, "config", config))
                .post("/api/eval/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Poll.until(
                () -> Optional.of((Map<String, Object>) as("manager")
                                .get("/api/eval/runs/" + id)
                                .then()
                                .extract()
                                .as(Map.class))
                        .filter(b -> "done".equals(b.get("status"))),
                Duration.ofSeconds(60),
                () -> "the run did not finish");
        return as("manager").get("/api/eval/runs/" + id).then().extract().jsonPath();
    }
}
