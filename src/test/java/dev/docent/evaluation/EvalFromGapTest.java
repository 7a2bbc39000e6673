package dev.docent.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A set from real traffic: questions nobody could get answered, a document that answers them, and the resolved gap
 * becomes a set whose items expect that document.
 */
@QuarkusTest
class EvalFromGapTest {

    @Test
    void aResolvedGapBecomesASetOfItsMaskedQuestionsExpectingTheDocumentThatAnswersThem() {
        String tag = Tags.random();
        String word = "Vossenberg" + tag.substring(0, 4);
        ask("alice", "What is the speed limit on the " + word + " campus roads? Mail me at jo.doe@example.com");
        ask("hana", "How fast may cars drive on " + word + " campus roads?");
        Map<String, Object> gap = awaitGap(g -> String.valueOf(g.get("label")).contains(word), "open");
        long id = ((Number) gap.get("id")).longValue();

        EvalApiTest.as("manager")
                .post("/api/eval/sets/from-gap/" + id)
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("not been resolved by a document yet"));

        String doc = Documents.ingest(
                "roads-" + tag + ".md", ("""
                # %s campus roads

                ## Speed limit

                Cars on the %s campus roads may drive at most 20 kilometres per hour.
                """).formatted(word, word).getBytes(StandardCharsets.UTF_8));
        awaitGap(g -> ((Number) g.get("id")).longValue() == id, "likely_resolved");
        EvalApiTest.as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("status", "resolved"))
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(200);

        String set = EvalApiTest.as("manager")
                .post("/api/eval/sets/from-gap/" + id)
                .then()
                .statusCode(201)
                .body("source", equalTo("gap"))
                .body("items", equalTo(2))
                .extract()
                .path("id");
        Map<String, Object> detail = EvalApiTest.as("manager")
                .get("/api/eval/sets/" + set)
                .then()
                .extract()
                .as(Map.class);
        assertTrue(String.valueOf(detail.get("name")).startsWith("Gap: "), detail.toString());
        List<Map<String, Object>> items = EvalApiTest.list(detail.get("items"));
        for (Map<String, Object> item : items) {
            assertEquals(List.of(doc), item.get("expectedDocuments"));
            assertEquals(true, item.get("answerable"));
        }
        String questions = items.toString();
        assertTrue(questions.contains(word), questions);
        assertTrue(questions.contains("[email]"), questions);
        assertFalse(questions.contains("jo.doe@example.com"), questions);

        EvalApiTest.as("admin").post("/api/eval/sets/from-gap/" + id).then().statusCode(403);
        EvalApiTest.as("manager")
                .post("/api/eval/sets/from-gap/987654321")
                .then()
                .statusCode(404);
    }

    static void ask(String user, String question) {
        given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .body("answered", equalTo(false));
    }

    static Map<String, Object> awaitGap(Predicate<Map<String, Object>> which, String status) {
        return Poll.until(
                () -> EvalApiTest.list(EvalApiTest.as("manager")
                                .get("/api/gaps?sort=lastSeen&limit=1000")
                                .then()
                                .statusCode(200)
                                .extract()
                                .as(List.class))
                        .stream()
                        .filter(g -> which.test(g) && status.equals(g.get("status")))
                        .findFirst(),
                Duration.ofSeconds(90),
                () -> "no " + status + " gap");
    }
}
