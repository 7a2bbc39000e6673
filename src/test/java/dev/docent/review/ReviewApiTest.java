package dev.docent.review;

import static dev.docent.review.ReviewFixture.as;
import static dev.docent.review.ReviewFixture.ask;
import static dev.docent.review.ReviewFixture.find;
import static dev.docent.review.ReviewFixture.rate;
import static dev.docent.review.ReviewFixture.review;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.LocalModelProfile;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review queue gathers answers users turned down (with their reason and comment), answers that cite nothing and
 * answers their passages barely support; a knowledge manager marks them and corrects them, and the helpful and the
 * reviewed ones become evaluation sets.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class ReviewApiTest {

    static final String TAG = Tags.random();
    static final String PLACE = "Quellmarsh" + TAG.substring(0, 4);
    static final String QUESTION = "When does the " + PLACE + " archive open its reading room?";
    static String document;

    /** Replies go in as the fallback, not queued: a gap replay after an upload may ask the model in between. */
    final StubLlm model = StubLlm.shared("local");

    @Inject
    Jdbc jdbc;

    @BeforeEach
    void knowledgeBase() {
        model.reset();
        if (document == null) {
            document = Documents.ingest(
                    "quellmarsh-" + TAG + ".md", ("""
                    # %s archive

                    ## Reading room

                    The %s archive opens its reading room at 8:15 on weekdays and closes it at 17:30. Visitors
                    register at the front desk with an identity card.
                    """).formatted(PLACE, PLACE).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachReasonBringsAnAnswerIntoTheQueueWithWhatTheReviewerNeeds() {
        model.fallback(Reply.text("The reading room opens at 8:15 on weekdays [1]."));
        String downVoted = ask("alice", QUESTION, null).getString("messageId");
        rate(Tokens.of("alice"), downVoted, "down", "incorrect", "It opens at 9 now, write to jo.doe@example.com");
        model.fallback(Reply.text("The reading room opens early in the morning."));
        String uncited = ask("alice", QUESTION, null).getString("messageId");
        model.fallback(Reply.text("The reading room opens at 8:15 on weekdays [1]. Penguins dance on the glacier at"
                + " midnight [1]. Dragons guard the treasury of Zorbakan every winter [1]."));
        String weak = ask("alice", QUESTION, null).getString("messageId");
        model.fallback(Reply.text("The reading room opens at 8:15 on weekdays [1]."));
        String fine = ask("alice", QUESTION, null).getString("messageId");

        Map<String, Object> down = find(downVoted, "").orElseThrow(() -> new AssertionError("thumbs down missing"));
        assertEquals(List.of("thumbs_down"), down.get("reasons"));
        assertEquals(QUESTION, down.get("question"));
        assertEquals("The reading room opens at 8:15 on weekdays [1].", down.get("answer"));
        Map<?, ?> feedback = (Map<?, ?>) down.get("feedback");
        assertEquals("incorrect", feedback.get("reason"));
        assertEquals("Incorrect", feedback.get("reasonLabel"));
        assertEquals("It opens at 9 now, write to [email]", feedback.get("comment"), "the comment, masked");
        List<Map<String, Object>> citations = list(down.get("citations"));
        assertEquals(1, citations.size());
        assertEquals(document, citations.get(0).get("documentId"));
        assertTrue(String.valueOf(citations.get(0).get("text")).contains("8:15 on weekdays"), citations.toString());
        assertNull(down.get("review"));

        Map<String, Object> noCitation =
                find(uncited, "reason=uncited").orElseThrow(() -> new AssertionError("uncited"));
        assertTrue(list(noCitation.get("reasons")).contains("uncited"), noCitation.toString());
        assertEquals(true, noCitation.get("citationWarning"));
        assertTrue(find(downVoted, "reason=uncited").isEmpty(), "the filter keeps the cited one out");

        Map<String, Object> low = find(weak, "reason=low_groundedness").orElseThrow(() -> new AssertionError("low"));
        assertEquals(List.of("low_groundedness"), low.get("reasons"));
        assertTrue(((Number) low.get("groundedness")).doubleValue() < 0.5, low.toString());

        assertTrue(find(downVoted, "feedbackReason=incorrect").isPresent());
        assertTrue(find(downVoted, "feedbackReason=incomplete").isEmpty());
        assertTrue(find(fine, "status=all").isEmpty(), "a supported, unrated answer needs no review");

        JsonPath first = as("manager")
                .get("/api/review?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, first.getList("items").size());
        assertTrue(first.getInt("total") >= 3, "the total counts every page");
        assertEquals(0.5, first.getDouble("lowGroundedness"), 1e-9);
        JsonPath second = as("manager")
                .get("/api/review?limit=1&offset=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertFalse(first.getString("items[0].messageId").equals(second.getString("items[0].messageId")));
    }

    @Test
    void aReviewerMarksAnAnswerAndCorrectsItAndTheQueueRemembers() {
        model.fallback(Reply.text("The reading room opens at noon [1]."));
        String wrong = ask("hana", QUESTION, null).getString("messageId");
        rate(Tokens.of("hana"), wrong, "down", "incorrect", null);
        model.fallback(Reply.text("The reading room opens at 8:15 on weekdays [1]."));
        String right = ask("hana", QUESTION, null).getString("messageId");
        rate(Tokens.of("hana"), right, "down", "other", "Too short");

        JsonPath verdict = review(wrong, "incorrect", "  The reading room opens at 8:15 on weekdays [1].  ");
        assertEquals("incorrect", verdict.getString("verdict"));
        assertEquals("The reading room opens at 8:15 on weekdays [1].", verdict.getString("correction"));
        assertEquals("manager", verdict.getString("reviewedBy"));
        review(right, "correct", null);

        assertTrue(find(wrong, "").isEmpty(), "reviewed answers leave the open queue");
        Map<?, ?> reviewed =
                (Map<?, ?>) find(wrong, "status=reviewed").orElseThrow().get("review");
        assertEquals("The reading room opens at 8:15 on weekdays [1].", reviewed.get("correction"));
        assertEquals(
                "correct", ((Map<?, ?>) find(right, "status=all").orElseThrow().get("review")).get("verdict"));

        // The latest verdict wins.
        review(right, "incorrect", null);
        Map<?, ?> changed =
                (Map<?, ?>) find(right, "status=reviewed").orElseThrow().get("review");
        assertEquals("incorrect", changed.get("verdict"));
        assertNull(changed.get("correction"));
    }

    @Test
    void brokenReviewsAreRefusedWithAMessageAndNothingIsWritten() {
        model.fallback(Reply.text("The reading room opens at noon [1]."));
        String id = ask("alice", QUESTION, null).getString("messageId");
        rate(Tokens.of("alice"), id, "down", "incorrect", null);

        refused(id, Map.of("verdict", "maybe"), 400, "'verdict' must be \"correct\" or \"incorrect\"");
        refused(id, Map.of(), 400, "'verdict' must be");
        refused(id, Map.of("verdict", "incorrect", "correction", "x".repeat(5001)), 400, "the limit is 5000");
        refused(id, Map.of("verdict", "correct", "correction", "Something else"), 400, "goes with the verdict");
        refused(UUID.randomUUID().toString(), Map.of("verdict", "correct"), 404, "There is no recorded answer");
        assertEquals(0, count("SELECT count(*) FROM answer_reviews WHERE message_id = ?::uuid", id), "nothing stored");
        assertNull(find(id, "").orElseThrow().get("review"), "still open");

        as("manager")
                .contentType(ContentType.JSON)
                .body("{\"verdict\": ")
                .put("/api/review/" + id)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body(not(containsString("Exception")));
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("verdict", "correct"))
                .put("/api/review/not-a-uuid")
                .then()
                .statusCode(404);
        for (String query : List.of(
                "reason=sad", "feedbackReason=bored", "status=later", "limit=0", "limit=101", "offset=-1", "limit=x")) {
            as("manager")
                    .get("/api/review?" + query)
                    .then()
                    .statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("detail", containsString("'"));
        }
        assertEquals(0, count("SELECT count(*) FROM answer_reviews WHERE message_id = ?::uuid", id));
    }

    @Test
    void onlyKnowledgeManagersAndAdminsReviewAnswers() {
        model.fallback(Reply.text("The reading room opens at noon [1]."));
        String id = ask("alice", QUESTION, null).getString("messageId");
        Map<String, String> body = Map.of("verdict", "correct");
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/review/" + id)
                .then()
                .statusCode(401);
        as("alice")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/review/" + id)
                .then()
                .statusCode(403);
        as("admin")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/review/" + id)
                .then()
                .statusCode(200);
        as("manager")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/review/" + id)
                .then()
                .statusCode(200);
        as("alice").post("/api/eval/sets/from-helpful").then().statusCode(403);
        as("alice").post("/api/eval/sets/from-reviews").then().statusCode(403);
    }

    @Test
    void helpfulAndReviewedAnswersBecomeEvaluationSetsLinkedToTheirMessages() {
        model.fallback(Reply.text("Visitors register at the front desk with an identity card [1]."));
        String helpful = ask("alice", "How do visitors register at the " + PLACE + " archive?", null)
                .getString("messageId");
        rate(Tokens.of("alice"), helpful, "up", null, null);
        model.fallback(Reply.text("The reading room opens at noon [1]."));
        String corrected =
                ask("alice", QUESTION + " Mail me at jo.doe@example.com", null).getString("messageId");
        rate(Tokens.of("alice"), corrected, "down", "incorrect", null);
        review(corrected, "incorrect", "It opens at 8:15 on weekdays [1].");

        String helpfulSet = as("manager")
                .post("/api/eval/sets/from-helpful?name=Helpful " + TAG)
                .then()
                .statusCode(201)
                .body("source", equalTo("helpful"))
                .extract()
                .path("id");
        Map<String, Object> item = item(helpfulSet, "How do visitors register at the " + PLACE + " archive?");
        assertEquals("Visitors register at the front desk with an identity card.", item.get("expectedAnswer"));
        assertEquals(List.of(document), item.get("expectedDocuments"));
        assertEquals(true, item.get("answerable"));

        String reviewedSet = as("admin")
                .post("/api/eval/sets/from-reviews?name=Reviewed " + TAG)
                .then()
                .statusCode(201)
                .body("source", equalTo("reviewed"))
                .extract()
                .path("id");
        Map<String, Object> fixed = item(reviewedSet, QUESTION + " Mail me at [email]");
        assertEquals("It opens at 8:15 on weekdays.", fixed.get("expectedAnswer"));
        assertEquals(List.of(document), fixed.get("expectedDocuments"));
        assertFalse(
                as("manager").get("/api/eval/sets/" + reviewedSet).asString().contains("jo.doe@example.com"));

        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM eval_items WHERE set_id = ?::uuid AND source_message = ?::uuid",
                        reviewedSet,
                        corrected),
                "the item names its message, so erasing the message takes it along");
        as("manager")
                .post("/api/eval/sets/from-helpful?limit=0")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"));
        as("manager")
                .post("/api/eval/sets/from-helpful?name=" + "n".repeat(201))
                .then()
                .statusCode(400);
    }

    private static void refused(String id, Map<String, ?> body, int status, String message) {
        as("manager")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/review/" + id)
                .then()
                .statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(message))
                .body(not(containsString("Exception")));
    }

    private static Map<String, Object> item(String setId, String question) {
        List<Map<String, Object>> items = as("manager")
                .get("/api/eval/sets/" + setId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return items.stream()
                .filter(i -> question.equals(i.get("question")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(question + " not in " + items));
    }

    private long count(String sql, Object... params) {
        return jdbc.one(sql, row -> row.getLong(1), params).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
