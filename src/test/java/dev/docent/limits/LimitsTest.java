package dev.docent.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits on cost and load answer with a status and a message a user can act on: 413, 429, 503. */
@QuarkusTest
@TestProfile(LimitsTest.TightLimits.class)
public class LimitsTest {

    /** Small limits, so the tests reach them in a few requests (the MCP server's McpLimitsTest shares them). */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "docent.limits.json-body-size", "16K",
                    "docent.limits.chat-per-minute", "3",
                    "docent.limits.uploads-per-minute", "2",
                    "docent.limits.searches-per-minute", "3",
                    "docent.limits.answer-slots", "1");
        }
    }

    @Inject
    AnswerSlots slots;

    @Test
    void aHugeJsonBodyIsRefusedWith413BeforeItIsParsed() {
        // 200 KB: over the limit, yet small enough to sit in the socket buffer when the server answers unread.
        String question = "x".repeat(200 * 1024);
        given().auth()
                .oauth2(Tokens.of("hana"))
                .contentType(ContentType.JSON)
                .body("{\"question\":\"" + question + "\"}")
                .post("/api/chat")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("larger than the 16 KB"));
    }

    @Test
    void aUserAskingTooFastGets429WithRetryAfterOthersStillGetAnswers() {
        String asker = "manager";
        for (int i = 0; i < 3; i++) {
            ask(asker, "How many vacation days do employees get? " + i).then().statusCode(200);
        }
        ask(asker, "One question too many")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("too many questions"));
        ask("alice", "How many vacation days do employees get?").then().statusCode(200);
    }

    @Test
    void whenEveryAnswerSlotIsTakenAQuestionGets503BusyWithRetryAfter() {
        try (AnswerSlots.Slot taken = slots.acquire()) {
            ask("admin", "Is anyone there?")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body("detail", equalTo(AnswerSlots.BUSY));
            given().auth()
                    .oauth2(Tokens.of("admin"))
                    .contentType(ContentType.JSON)
                    .accept("text/event-stream")
                    .body(Map.of("question", "Is anyone there, streaming?"))
                    .post("/api/chat")
                    .then()
                    .statusCode(503)
                    .body("detail", equalTo(AnswerSlots.BUSY));
        }
        assertEquals(1, slots.available(), "every slot is back once the answers are done");
    }

    @Test
    void uploadsArePerUserRateLimited() {
        for (int i = 0; i < 2; i++) {
            Documents.upload("rate-" + i + "-" + System.nanoTime() + ".md", Documents.markdown("rate"), null)
                    .then()
                    .statusCode(202);
        }
        Documents.upload("rate-over-" + System.nanoTime() + ".md", Documents.markdown("rate"), null)
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("too many uploads"));
    }

    @Test
    void searchesArePerUserRateLimited() {
        // Alice and admin: McpLimitsTest, in the same application, spends eve's search budget (shared with the MCP).
        for (int i = 0; i < 3; i++) {
            search("alice", "vacation days " + i).then().statusCode(200);
        }
        search("alice", "one search too many")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("too many searches"));
        search("admin", "vacation days").then().statusCode(200);
    }

    private static io.restassured.response.Response search(String who, String query) {
        return given().auth().oauth2(Tokens.of(who)).queryParam("q", query).get("/api/search");
    }

    private static io.restassured.response.Response ask(String who, String question) {
        return given().auth()
                .oauth2(Tokens.of(who))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat");
    }
}
