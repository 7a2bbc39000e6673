package dev.docent.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cited passage is shown only while its reader may still read it; deleting the document removes its text. */
@QuarkusTest
class CitationAccessTest {

    static final String TAG = Tags.random();
    static final String FACT = "The quarterly bonus for the quillorian team is nine percent of the base salary.";

    @Inject
    Jdbc jdbc;

    @Test
    void citationsFollowTheReadersAccessAndTheDocumentsLife() {
        String collection = "cite-" + TAG;
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", collection, "groups", List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        String documentId = Documents.upload(
                        "quillorian-" + TAG + ".md",
                        ("# Quillorian pay " + TAG + "\n\n" + FACT + "\n").getBytes(StandardCharsets.UTF_8),
                        collection)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(documentId, Duration.ofSeconds(120));

        Map<String, Object> answer = given().auth()
                .oauth2(Tokens.of("hana"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "question", "What is the quarterly bonus for the quillorian team?", "collection", collection))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .body("answered", equalTo(true))
                .extract()
                .jsonPath()
                .getMap("");
        String conversation = answer.get("conversationId").toString();
        assertTrue(citationsOf(conversation).contains("nine percent"), "hana may read the hr collection");

        String stored = jdbc.one(
                        "SELECT citations::text FROM messages WHERE id = ?::uuid",
                        row -> row.getString(1),
                        answer.get("messageId").toString())
                .orElseThrow();
        assertFalse(stored.contains("nine percent"), "citations are stored as references: " + stored);

        setGroups(collection, List.of("engineering"));
        String afterRegroup = citationsOf(conversation);
        assertFalse(afterRegroup.contains("nine percent"), afterRegroup);
        assertTrue(afterRegroup.contains(CitationReferences.UNAVAILABLE), afterRegroup);

        setGroups(collection, List.of("hr"));
        assertTrue(citationsOf(conversation).contains("nine percent"), "readable again once the groups allow it");

        given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/documents/" + documentId)
                .then()
                .statusCode(204);
        String afterDelete = citationsOf(conversation);
        assertFalse(afterDelete.contains("nine percent"), afterDelete);
        assertTrue(afterDelete.contains(CitationReferences.UNAVAILABLE), afterDelete);
    }

    /** The citations of the conversation's messages as hana sees them now (JSON text). */
    private static String citationsOf(String conversation) {
        return given().auth()
                .oauth2(Tokens.of("hana"))
                .get("/api/chat/conversations/" + conversation)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("messages.citations")
                .toString();
    }

    private static void setGroups(String collection, List<String> groups) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("groups", groups))
                .put("/api/collections/" + collection)
                .then()
                .statusCode(200);
    }
}
