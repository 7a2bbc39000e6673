package dev.docent.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asking in extractive mode: cited answers from what the user may read, recorded, in the user's own conversations. */
@QuarkusTest
class ChatApiTest {

    static final String TAG = Tags.random();
    static String handbookId;
    static String secretId;

    @Inject
    Jdbc jdbc;

    /** Once per class; not @BeforeAll, where RestAssured does not point at the test application yet. */
    @BeforeEach
    void knowledgeBase() {
        if (handbookId != null) {
            return;
        }
        handbookId =
                Documents.ingest("canteen-" + TAG + ".md", ("""
                        # Gorvath canteen handbook %s

                        ## Opening hours

                        The Gorvath canteen serves lunch from 11:30 to 14:00 on working days. Breakfast is served
                        from 7:45 to 9:30 on the terrace when the weather allows.

                        ## Meal vouchers

                        Every employee receives twelve meal vouchers per month. Unused meal vouchers expire at the end
                        of March of the following year.

                        ## Travel

                        Trips to the Gorvath office under 500 kilometres are made by train.
                        """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        String hr = "hr-chat-" + TAG;
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", hr, "groups", List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        secretId = Documents.upload(
                        "bonus-" + TAG + ".md",
                        ("# Bonus scheme " + TAG
                                        + "\n\nThe quarterly bonus for the zanzibarite team is eleven percent of"
                                        + " the base salary.\n")
                                .getBytes(StandardCharsets.UTF_8),
                        hr)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(secretId, Duration.ofSeconds(120));
    }

    @Test
    void anAnswerQuotesTheDocumentAndCitesIt() {
        ask("alice", "How many meal vouchers does an employee receive per month at Gorvath?", null)
                .then()
                .statusCode(200)
                .body("answered", equalTo(true))
                .body("provider", equalTo("extractive"))
                .body("answer", containsString("twelve meal vouchers"))
                .body("answer", containsString("[1]"))
                .body("citations[0].n", equalTo(1))
                .body("citations.title", hasItem(containsString("Gorvath canteen handbook")))
                .body("citations[0].passage", containsString("vouchers"))
                .body("conversationId", notNullValue());
    }

    @Test
    void everyCitedNumberHasItsPassage() {
        Map<String, Object> answer = ask("alice", "How do people travel to the Gorvath office?", null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        List<?> citations = (List<?>) answer.get("citations");
        for (int n = 1; n <= 9; n++) {
            boolean marked = ((String) answer.get("answer")).contains("[" + n + "]");
            assertEquals(marked, n <= citations.size(), "marker [" + n + "] and citations agree");
        }
    }

    @Test
    void aQuestionTheDocumentsDoNotCoverIsSaidPlainly() {
        ask("alice", "What is the best recipe for sourdough bread with rye flour?", null)
                .then()
                .statusCode(200)
                .body("answered", equalTo(false))
                .body("answer", containsString("doesn't cover"))
                .body("citations", hasSize(0));
    }

    @Test
    void aRestrictedCollectionIsNeverCitedToOutsiders() {
        ask("alice", "What is the quarterly bonus of the zanzibarite team?", null)
                .then()
                .statusCode(200)
                .body("citations.title", everyItem(not(containsString("Bonus scheme"))))
                .body("answer", not(containsString("eleven percent")));
        ask("hana", "What is the quarterly bonus of the zanzibarite team?", null)
                .then()
                .statusCode(200)
                .body("citations.title", hasItem(containsString("Bonus scheme")))
                .body("answer", containsString("eleven percent"));
    }

    @Test
    void aFollowUpContinuesTheConversationAndEverythingIsRecorded() {
        String conversation = ask(
                        "alice", "How many meal vouchers does an employee receive per month at Gorvath?", null)
                .then()
                .extract()
                .path("conversationId");
        ask("alice", "and when do unused ones expire?", conversation)
                .then()
                .statusCode(200)
                .body("conversationId", equalTo(conversation))
                .body("answer", containsString("March"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/conversations/" + conversation)
                .then()
                .statusCode(200)
                .body("messages", hasSize(2))
                .body("title", containsString("meal vouchers"));
        String rewritten = jdbc.one(
                        "SELECT rewritten_query FROM messages WHERE conversation_id = ? ORDER BY created_at DESC LIMIT 1",
                        row -> row.getString(1),
                        UUID.fromString(conversation))
                .orElseThrow();
        assertTrue(rewritten.contains("vouchers"), "the follow-up was searched with its context: " + rewritten);
        int recorded = jdbc.one(
                        "SELECT count(*) FROM messages WHERE conversation_id = ? AND jsonb_array_length(retrieved) > 0"
                                + " AND total_ms >= 0 AND provider = 'extractive'",
                        row -> row.getInt(1),
                        UUID.fromString(conversation))
                .orElseThrow();
        assertEquals(2, recorded, "retrieved chunks, latency and provider are recorded");
    }

    @Test
    void usersOnlySeeTheirOwnConversations() {
        String conversation = ask("alice", "When does the Gorvath canteen serve lunch?", null)
                .then()
                .extract()
                .path("conversationId");
        given().auth()
                .oauth2(Tokens.of("hana"))
                .get("/api/chat/conversations")
                .then()
                .statusCode(200)
                .body("conversations.id", not(hasItem(conversation)));
        given().auth()
                .oauth2(Tokens.of("hana"))
                .get("/api/chat/conversations/" + conversation)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        ask("hana", "Can I continue her conversation?", conversation).then().statusCode(404);
    }

    @Test
    void theAnswerStreamsAsServerSentEvents() {
        String body = given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(Map.of("question", "How many meal vouchers does an employee receive per month at Gorvath?"))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .contentType(containsString("text/event-stream"))
                .extract()
                .asString();
        int delta = body.indexOf("event:delta");
        int citations = body.indexOf("event:citations");
        int done = body.indexOf("event:done");
        assertTrue(delta >= 0 && delta < citations && citations < done, "deltas, then citations, then done:\n" + body);
        assertTrue(body.contains("twelve meal vouchers"), body);
    }

    @Test
    void badQuestionsAreRefusedAndNothingIsStored() {
        long before = messages();
        ask("alice", "   ", null).then().statusCode(400).body("detail", containsString("empty"));
        ask("alice", "x".repeat(4001), null).then().statusCode(400).body("detail", containsString("limit is 4000"));
        ask("alice", "Hello?", UUID.randomUUID().toString()).then().statusCode(404);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body("{\"question\": 42, \"conversationId\": \"not-a-uuid\"}")
                .post("/api/chat")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'conversationId'"));
        assertEquals(before, messages(), "nothing recorded for refused questions");
        given().contentType(ContentType.JSON)
                .body(Map.of("question", "hi"))
                .post("/api/chat")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/conversations")
                .then()
                .statusCode(200)
                .body("conversations.id", everyItem(notNullValue()));
    }

    private static Response ask(String who, String question, String conversation) {
        Map<String, Object> body = conversation == null
                ? Map.of("question", question)
                : Map.of("question", question, "conversationId", conversation);
        return given().auth()
                .oauth2(Tokens.of(who))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat");
    }

    private long messages() {
        return jdbc.one("SELECT count(*) FROM messages", row -> row.getLong(1)).orElseThrow();
    }
}
