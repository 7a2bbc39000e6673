package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.LocalModelProfile;
import dev.docent.system.FirstTokenStages;
import dev.docent.testing.Documents;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A streamed chat answer records where its time to first token went, stage by stage: an admin reads every stage of
 * one answer, in order, adding up to its time to first token; the model's delay before its first token shows in the
 * provider stage and nowhere else; and each stage is a timer tagged with its name.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class FirstTokenStagesTest {

    static final String TAG = Tags.random();

    /** Long enough to stand out from every other stage on a loaded 2-core machine. */
    static final long MODEL_DELAY_MS = 400;

    final StubLlm model = StubLlm.shared("local");

    @Test
    void aStreamedAnswerRecordsEveryStageAndTheModelsDelayInTheProviderStage() {
        Documents.ingest("wrenfield-" + TAG + ".md", ("""
                # Wrenfield observatory %s

                The Wrenfield observatory opens its dome to visitors every Thursday at 21:00 when the sky is clear.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        model.reset();
        model.enqueue(
                Reply.text("The dome opens", " every Thursday at 21:00 [1].").after(MODEL_DELAY_MS));
        PrometheusText before = PrometheusText.scrape();

        String messageId = messageId(given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(Map.of("question", "When does the Wrenfield observatory open its dome to visitors?"))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .asString());

        JsonPath observation = given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/answers/" + messageId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ANSWERED", observation.getString("result"), "the model answered");
        long firstTokenMs = observation.getLong("firstTokenMs");
        Map<String, Double> stages = new LinkedHashMap<>();
        Map<String, Object> stored = observation.getMap("stagesMs");
        stored.forEach((stage, ms) -> stages.put(stage, Double.valueOf(String.valueOf(ms))));

        List<String> all = Arrays.stream(FirstTokenStages.Stage.values())
                .map(FirstTokenStages.Stage::code)
                .toList();
        assertEquals(all, List.copyOf(stages.keySet()), "every stage, in the order an answer goes through them");
        double sum = stages.values().stream().mapToDouble(Double::doubleValue).sum();
        // Each stage is rounded down to 0.1 ms and first_token_ms down to 1 ms: they agree within that.
        assertTrue(
                sum <= firstTokenMs + 1 && sum >= firstTokenMs - 1.2,
                "the stages add up to the time to first token (" + firstTokenMs + " ms): " + stages);
        assertTrue(
                stages.get("provider") >= MODEL_DELAY_MS,
                "the model's " + MODEL_DELAY_MS + " ms before its first token is in the provider stage: " + stages);
        stages.forEach((stage, ms) -> assertTrue(
                stage.equals("provider") || ms < MODEL_DELAY_MS,
                "the model's delay shows in no other stage (" + stage + "): " + stages));

        PrometheusText after = PrometheusText.scrape();
        String timer = "docent_answer_first_token_stage_seconds_count";
        for (String stage : all) {
            Map<String, String> tag = Map.of("stage", stage);
            assertEquals(1.0, after.sum(timer, tag) - before.sum(timer, tag), 0.0, "one more answer timed in " + stage);
        }
        double providerSeconds = after.sum("docent_answer_first_token_stage_seconds_sum", Map.of("stage", "provider"))
                - before.sum("docent_answer_first_token_stage_seconds_sum", Map.of("stage", "provider"));
        assertTrue(providerSeconds >= MODEL_DELAY_MS / 1000.0, "the provider timer has the delay: " + providerSeconds);
    }

    @Test
    void anUnknownAnswerIsNotFoundForAnAdmin() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/answers/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/monitoring/answers/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    private static String messageId(String events) {
        Matcher start = Pattern.compile("event:start\\s*\\ndata:(\\{.*})").matcher(events);
        assertTrue(start.find(), "the stream starts with a start event:\n" + events);
        return new JsonPath(start.group(1)).getString("messageId");
    }
}
