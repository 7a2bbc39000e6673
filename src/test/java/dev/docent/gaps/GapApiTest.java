package dev.docent.gaps;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Knowledge gaps through the real API: each signal (no content, withheld, a user's "didn't answer") lands in a cluster
 * knowledge managers see, work through and export; nobody else sees them.
 */
@QuarkusTest
class GapApiTest {

    static final String TAG = Tags.random();
    static final String HR = "gaps-hr-" + TAG;
    static boolean ready;

    @Inject
    Jdbc jdbc;

    /** Once per class; not @BeforeAll, where RestAssured does not point at the test application yet. */
    @BeforeEach
    void knowledgeBase() {
        if (ready) {
            return;
        }
        // Gaps left by earlier runs on the same database (make test empties it; reruns from an IDE do not).
        jdbc.update("DELETE FROM gap_clusters");
        Documents.ingest("brindlewood-" + TAG + ".md", ("""
                # Brindlewood office guide %s

                ## Opening hours

                The Brindlewood office opens at 7:15 and closes at 19:30 on working days. The reception desk is
                staffed from 8:00.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", HR, "groups", List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        String secret = Documents.upload("quillfeather-" + TAG + ".md", ("""
                        # Quillfeather allowance

                        The quillfeather allowance is 300 euros per year, paid with the March salary to every
                        employee who completed their probation.
                        """).getBytes(StandardCharsets.UTF_8), HR)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(secret, Duration.ofSeconds(120));
        ready = true;
    }

    @Test
    void unansweredQuestionsFromTwoUsersBecomeOneClusterWithMaskedExamples() {
        ask("alice", "Where can I park my Zorbulon submarine at the harbour? Mail me at jo.doe@example.com");
        ask("hana", "Which harbour berth is allowed for parking a Zorbulon submarine?");
        Map<String, Object> gap = awaitGap(g -> label(g).contains("Zorbulon") && count(g) >= 2);
        assertEquals(2, ((Number) gap.get("users")).intValue());
        assertEquals(Map.of("no_content", 2), gap.get("causes"));
        assertEquals("open", gap.get("status"));
        String examples = gap.get("examples").toString();
        assertTrue(examples.contains("[email]"), examples);
        assertFalse(examples.contains("jo.doe@example.com"), examples);
        long id = ((Number) gap.get("id")).longValue();
        manager()
                .get("/api/gaps/" + id)
                .then()
                .statusCode(200)
                .body("label", containsString("Zorbulon"))
                .body(
                        "trend[-1].day",
                        equalTo(LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .body("trend[-1].questions", equalTo(2))
                .body("evidence", nullValue());
    }

    @Test
    void anAnswerInACollectionTheUserMayNotReadIsAWithheldGapThatTheUserNeverLearnsAbout() {
        Response answer = ask("alice", "How much is the quillfeather allowance per year?");
        answer.then()
                .body("answered", equalTo(false))
                .body("answer", not(containsString("300")))
                .body("answer", not(containsString(HR)))
                .body("citations.title", not(hasItem(containsString("Quillfeather"))));
        Map<String, Object> gap = awaitGap(g -> label(g).contains("quillfeather"));
        assertEquals(Map.of("withheld", 1), gap.get("causes"));
        assertEquals(List.of(HR), gap.get("collections"));
        manager()
                .get("/api/gaps?cause=withheld&collection=" + HR)
                .then()
                .statusCode(200)
                .body("label", hasItem(containsString("quillfeather")));
        manager()
                .get("/api/gaps?cause=user_feedback&collection=" + HR)
                .then()
                .statusCode(200)
                .body("label", not(hasItem(containsString("quillfeather"))));
    }

    @Test
    void aThumbsDownSayingTheAnswerMissedTheQuestionIsAGapUntilTheUserChangesTheirMind() {
        Response answer = ask("alice", "When does the Brindlewood office open in the morning?");
        answer.then().body("answered", equalTo(true));
        String messageId = answer.path("messageId");
        int unansweredBefore = todays("unanswered");
        int answeredBefore = todays("answered");
        feedback("alice", messageId, Map.of("rating", "down", "reason", "didnt_answer", "comment", "I meant Sundays"))
                .then()
                .statusCode(200)
                .body("rating", equalTo("down"))
                .body("reason", equalTo("didnt_answer"));
        Map<String, Object> gap = awaitGap(g -> label(g).contains("Brindlewood"));
        assertEquals(Map.of("user_feedback", 1), gap.get("causes"));
        assertEquals(unansweredBefore + 1, todays("unanswered"), "the overview counts it as not answered");
        assertEquals(answeredBefore - 1, todays("answered"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/" + messageId + "/feedback")
                .then()
                .statusCode(200)
                .body("comment", equalTo("I meant Sundays"));

        feedback("alice", messageId, Map.of("rating", "up")).then().statusCode(200);
        awaitNoGap(g -> label(g).contains("Brindlewood"));
    }

    @Test
    void feedbackIsValidatedAndOnlyForTheAsker() {
        String messageId =
                ask("alice", "When does the Brindlewood reception desk open?").path("messageId");
        feedback("alice", messageId, Map.of("rating", "sideways"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("\"up\" or \"down\""));
        feedback("alice", messageId, Map.of("rating", "down", "reason", "boring"))
                .then()
                .statusCode(400)
                .body("detail", containsString("didnt_answer"));
        feedback("alice", messageId, Map.of("rating", "up", "reason", "incorrect"))
                .then()
                .statusCode(400)
                .body("detail", containsString("thumbs down only"));
        feedback("alice", messageId, Map.of("rating", "down", "comment", "x".repeat(1001)))
                .then()
                .statusCode(400)
                .body("detail", containsString("limit is 1000"));
        feedback("hana", messageId, Map.of("rating", "down")).then().statusCode(404);
        feedback("alice", UUID.randomUUID().toString(), Map.of("rating", "down"))
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/" + messageId + "/feedback")
                .then()
                .statusCode(200)
                .body("rating", nullValue());
    }

    @Test
    void managersWorkAGapThroughItsStatusesAndNobodyElseMaySeeOrChangeIt() {
        ask("alice", "What is the dress code for the Vexmoor gala dinner?");
        long id = id(awaitGap(g -> label(g).contains("Vexmoor")));
        manager()
                .contentType(ContentType.JSON)
                .body(Map.of("status", "in_progress", "owner", "manager", "notes", "Ask events team"))
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("owner", equalTo("manager"))
                .body("notes", equalTo("Ask events team"));
        manager().get("/api/gaps?status=in_progress").then().body("id", hasItem(equalTo((int) id)));
        manager()
                .contentType(ContentType.JSON)
                .body(Map.of("status", "likely_resolved"))
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("open, in_progress, resolved, dismissed"));
        manager()
                .contentType(ContentType.JSON)
                .body(Map.of("label", "mine now"))
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("'label' cannot be changed"));
        manager()
                .contentType(ContentType.JSON)
                .body(Map.of("notes", "n".repeat(4001)))
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(400);
        manager().get("/api/gaps/" + id).then().body("notes", equalTo("Ask events team"));
        manager()
                .contentType(ContentType.JSON)
                .body(Map.of("status", "resolved"))
                .patch("/api/gaps/987654321")
                .then()
                .statusCode(404);
        manager().get("/api/gaps?status=sleeping").then().statusCode(400).body("detail", containsString("open"));
        manager().get("/api/gaps?from=yesterday").then().statusCode(400).body("detail", containsString("2025-03-31"));

        for (String outsider : List.of("alice", "admin")) {
            given().auth().oauth2(Tokens.of(outsider)).get("/api/gaps").then().statusCode(403);
            given().auth()
                    .oauth2(Tokens.of(outsider))
                    .get("/api/gaps/" + id)
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(Tokens.of(outsider))
                    .get("/api/gaps/overview")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(Tokens.of(outsider))
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", "dismissed"))
                    .patch("/api/gaps/" + id)
                    .then()
                    .statusCode(403);
        }
        manager().get("/api/gaps/" + id).then().body("status", equalTo("in_progress"));
    }

    @Test
    void aChangeTouchesOnlyTheFieldsSentAndAnEmptyTextClearsIt() {
        ask("alice", "Who waters the Zentrivale rooftop ferns?");
        long id = id(awaitGap(g -> label(g).contains("Zentrivale")));
        patch(id, Map.of("owner", "  gardener  ", "notes", "Ask facilities"))
                .then()
                .statusCode(200);
        patch(id, Map.of("status", "dismissed"))
                .then()
                .statusCode(200)
                .body("status", equalTo("dismissed"))
                .body("owner", equalTo("gardener"))
                .body("notes", equalTo("Ask facilities"));
        patch(id, Map.of("owner", "")).then().statusCode(200).body("owner", nullValue());
        manager().get("/api/gaps/" + id).then().body("notes", equalTo("Ask facilities"));

        patch(id, Map.of()).then().statusCode(400).body("detail", containsString("at least one of"));
        manager()
                .contentType(ContentType.JSON)
                .body("null")
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("at least one of"));
        manager()
                .contentType(ContentType.JSON)
                .body("{\"status\": [\"open\"]}")
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("'status'"));
        patch(id, Map.of("owner", "o".repeat(101)))
                .then()
                .statusCode(400)
                .body("detail", containsString("'owner' has at most 100 characters"));
        manager().get("/api/gaps/" + id).then().body("owner", nullValue()).body("status", equalTo("dismissed"));
    }

    private static Response patch(long id, Map<String, Object> body) {
        return manager().contentType(ContentType.JSON).body(body).patch("/api/gaps/" + id);
    }

    private static int todays(String field) {
        return manager()
                .get("/api/gaps/overview?days=1")
                .then()
                .statusCode(200)
                .extract()
                .path("days[0]." + field);
    }

    @Test
    void theCsvExportIsTheSameListAndSafeInASpreadsheet() {
        ask("alice", "=HYPERLINK(\"http://evil.example\") how do I claim Draxford mileage?");
        awaitGap(g -> label(g).contains("Draxford"));
        String csv = manager()
                .accept("text/csv")
                .get("/api/gaps")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith(GapCsv.HEADER), csv);
        assertTrue(
                csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\") how do I claim Draxford mileage?\","), csv);
        manager()
                .get("/api/gaps/export.csv?cause=no_content")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("knowledge-gaps.csv"))
                .body(containsString("Draxford"));
    }

    @Test
    void theOverviewCountsTodaysAnsweredAndUnansweredQuestionsAndTheirCauses() {
        ask("alice", "How tall is the Quorvane lighthouse antenna?");
        awaitGap(g -> label(g).contains("Quorvane"));
        manager()
                .get("/api/gaps/overview?days=7")
                .then()
                .statusCode(200)
                .body("days.size()", equalTo(7))
                .body(
                        "days[-1].day",
                        equalTo(LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .body("days[-1].unanswered", org.hamcrest.Matchers.greaterThan(0))
                .body("causes.no_content", org.hamcrest.Matchers.greaterThan(0))
                .body("topThisWeek.size()", org.hamcrest.Matchers.greaterThan(0));
        manager().get("/api/gaps/overview?days=0").then().statusCode(400);
    }

    static Response ask(String user, String question) {
        Response response = given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat");
        response.then().statusCode(200);
        return response;
    }

    static Response feedback(String user, String messageId, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat/" + messageId + "/feedback");
    }

    static io.restassured.specification.RequestSpecification manager() {
        return given().auth().oauth2(Tokens.of("manager"));
    }

    static List<Map<String, Object>> gaps() {
        return manager()
                .get("/api/gaps?sort=lastSeen&limit=1000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
    }

    /** Recording runs on the gaps worker, after the answer: wait (a little) for the gap to appear. */
    static Map<String, Object> awaitGap(Predicate<Map<String, Object>> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Optional<Map<String, Object>> gap = gaps().stream().filter(which).findFirst();
            if (gap.isPresent()) {
                return gap.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such gap among " + gaps());
            }
            sleep(200);
        }
    }

    static void awaitNoGap(Predicate<Map<String, Object>> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gaps().stream().anyMatch(which)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gap is still there");
            }
            sleep(200);
        }
    }

    static String label(Map<String, Object> gap) {
        return (String) gap.get("label");
    }

    static int count(Map<String, Object> gap) {
        return ((Number) gap.get("count")).intValue();
    }

    static long id(Map<String, Object> gap) {
        return ((Number) gap.get("id")).longValue();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
