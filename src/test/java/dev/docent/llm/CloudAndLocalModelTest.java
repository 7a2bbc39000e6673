package dev.docent.llm;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With a commercial and a local model configured, local-only content goes to the local model only. */
@QuarkusTest
@TestProfile(CloudAndLocalModelTest.Profile.class)
public class CloudAndLocalModelTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LocalOnlyFixture.cloudStub(Map.of(
                    "docent.llm.local.base-url",
                    StubLlm.shared("local").baseUrl(),
                    "docent.llm.local.model",
                    "stub-llama"));
        }
    }

    final StubLlm cloud = StubLlm.shared("cloud");
    final StubLlm local = StubLlm.shared("local");

    @BeforeEach
    void setUp() {
        LocalOnlyFixture.ensure();
        cloud.reset();
        local.reset();
    }

    @Test
    void aQuestionOverALocalOnlyCollectionIsAnsweredByTheLocalModelOnly() {
        local.enqueue(Reply.text("It must stay below 63 degrees Celsius [1]."));
        JsonPath answer = ask(LocalOnlyFixture.LAB_QUESTION);
        assertEquals("local", answer.getString("provider"));
        assertEquals("stub-llama", answer.getString("model"));
        assertEquals(1, local.requests().size());
        assertEquals(0, cloud.requests().size(), "nothing went to the commercial provider");
        assertTrue(StubLlm.prompt(local.requests().getFirst()).contains(LocalOnlyFixture.LAB_SECRET));
    }

    @Test
    void otherQuestionsGoToTheCommercialModelWithoutLocalOnlyText() {
        cloud.enqueue(Reply.text("In the north car park, level two [1]."));
        JsonPath answer = ask(LocalOnlyFixture.PARKING_QUESTION);
        assertEquals("openai", answer.getString("provider"));
        assertEquals("stub-gpt", answer.getString("model"));
        assertEquals(1, cloud.requests().size());
        assertEquals(0, local.requests().size());
        assertFalse(StubLlm.prompt(cloud.requests().getFirst()).contains("Brindlecomb"));
    }

    @Test
    void aFollowUpReachesTheCommercialModelAsTypedNotAsTheRewriteThatQuotesEarlierQuestions() {
        local.enqueue(Reply.text("It must stay below 63 degrees Celsius [1]."));
        String conversation = ask(LocalOnlyFixture.LAB_QUESTION).getString("conversationId");
        // The local model rewrites the follow-up with words from the conversation (they could quote the earlier,
        // local-only question; these are neutral so that retrieval still finds only the parking document).
        String quoted = "as alice asked in this conversation";
        local.enqueue(Reply.text(LocalOnlyFixture.PARKING_QUESTION + " (" + quoted + ")"));
        cloud.enqueue(Reply.text("In the north car park, level two [1]."));

        JsonPath answer = given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", LocalOnlyFixture.PARKING_QUESTION, "conversationId", conversation))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertEquals("openai", answer.getString("provider"));
        String prompt = StubLlm.prompt(cloud.requests().getFirst());
        assertTrue(prompt.contains(LocalOnlyFixture.PARKING_QUESTION), prompt);
        assertFalse(prompt.contains(quoted), "the earlier local-only question never reaches the commercial model");
    }

    static JsonPath ask(String question) {
        return given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
