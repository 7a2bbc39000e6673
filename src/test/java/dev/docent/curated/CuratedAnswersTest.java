package dev.docent.curated;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Curated answers end to end through the API: a paraphrase gets the knowledge team's answer (cited by its document,
 * counted as "curated"), an unrelated question does not; an edit changes what is served, retirement stops it, and a
 * user who may not read its document never gets it.
 */
@QuarkusTest
class CuratedAnswersTest {

    static final String TAG = Tags.random();
    static final String STORED = "How do I reset my VPN password?";
    static final String PARAPHRASE = "I forgot my VPN password, how can I change it?";
    static final String UNRELATED = "Can I bring my dog to the office?";
    static final String TEXT =
            "Open the Zelkova self-service portal, choose 'VPN', then 'Reset password' (" + TAG + ").";

    @Inject
    Jdbc jdbc;

    @BeforeEach
    void onlyThisTestsCuratedAnswersAreActive() {
        // Curated answers of other tests (or earlier runs of this database) would answer these questions.
        jdbc.update("UPDATE curated_answers SET status = 'retired' WHERE status = 'active'");
    }

    @Test
    void aParaphraseGetsTheCuratedAnswerUntilItIsEditedRestrictedAndRetired() {
        String collection = "curated-" + TAG;
        collection(collection, List.of());
        String document = document(
                collection,
                "vpn-" + TAG + ".md",
                "# VPN access " + TAG + "\n\nThe VPN password is reset in the Zelkova self-service portal.\n");
        double before = curatedCount();

        long id = manager()
                .body(Map.of("answer", TEXT, "documents", List.of(document), "questions", List.of(STORED)))
                .post("/api/curated")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        JsonPath served = ask("alice", PARAPHRASE);
        assertEquals("curated", served.getString("provider"));
        assertEquals(TEXT, served.getString("answer"));
        assertEquals(true, served.getBoolean("answered"));
        assertEquals(List.of(document), served.getList("citations.documentId"));
        String observed = jdbc.one(
                        "SELECT outcome FROM answer_observations WHERE message_id = ?::uuid",
                        r -> r.getString(1),
                        served.getString("messageId"))
                .orElseThrow();
        assertEquals("curated", observed);
        assertEquals(before + 1, curatedCount(), 0.0001, "docent_answers_total{outcome=\"curated\"} counts it");
        // Answered: it never becomes a knowledge gap.
        assertEquals(
                0L,
                jdbc.one(
                                "SELECT count(*) FROM gap_questions WHERE message_id = ?::uuid",
                                r -> r.getLong(1),
                                served.getString("messageId"))
                        .orElseThrow());

        assertNotEquals("curated", ask("alice", UNRELATED).getString("provider"));

        String edited = "Since March: call the Zelkova help desk on 4040 to reset the VPN password (" + TAG + ").";
        manager()
                .body(Map.of("answer", edited))
                .patch("/api/curated/" + id)
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(2))
                .body("updatedBy", org.hamcrest.Matchers.equalTo("manager"));
        assertEquals(edited, ask("alice", PARAPHRASE).getString("answer"));

        // Its document moves to a collection alice may not read: she gets the ordinary answer, hana still the curated.
        setGroups(collection, List.of("hr"));
        assertNotEquals("curated", ask("alice", PARAPHRASE).getString("provider"));
        assertEquals(edited, ask("hana", PARAPHRASE).getString("answer"));
        // The knowledge manager may not read it either now: to them it does not exist.
        manager().get("/api/curated/" + id).then().statusCode(404);
        setGroups(collection, List.of());

        manager()
                .post("/api/curated/" + id + "/retire")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("retired"));
        assertNotEquals("curated", ask("alice", PARAPHRASE).getString("provider"));
        assertEquals(
                3L,
                jdbc.one("SELECT count(*) FROM curated_answer_versions WHERE curated_id = ?", r -> r.getLong(1), id)
                        .orElseThrow(),
                "written, edited, retired: three versions kept");
    }

    @Test
    void aCuratedAnswerIsAFineTuningExampleOnlyWhenItsCollectionIsMarkedForTraining() {
        String collection = "curated-train-" + TAG;
        collection(collection, List.of());
        String document = document(
                collection,
                "lockers-" + TAG + ".md",
                "# Lockers " + TAG + "\n\nThe Quillon lockers are opened with the blue staff badge.\n");
        String answer = "Use your blue staff badge on the Quillon lockers (" + TAG + ").";
        String question = "How do I open a Quillon locker " + TAG + "?";
        manager()
                .body(Map.of("answer", answer, "documents", List.of(document), "questions", List.of(question)))
                .post("/api/curated")
                .then()
                .statusCode(201);
        assertFalse(trainingLines().contains(answer), "not for training until an admin says so");

        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("trainingUse", true))
                .put("/api/collections/" + collection)
                .then()
                .statusCode(200);
        String line = java.util.Arrays.stream(trainingLines().split("\n"))
                .filter(l -> l.contains(answer))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the curated answer is a fine-tuning example"));
        JsonPath example = new JsonPath(line);
        List<String> roles = example.getList("messages.role");
        assertEquals("assistant", roles.get(roles.size() - 1));
        assertEquals(answer, example.getString("messages[-1].content"));
        String user = example.getString("messages[-2].content");
        assertTrue(user.contains(question), "the question is asked: " + user);
        assertTrue(user.contains("blue staff badge"), "and its document's passage is shown: " + user);
    }

    @Test
    void anAnswerWrittenForAGapTakesItsQuestionsAndResolvesIt() {
        String question = "Where are the moorhen bicycle lockers " + TAG + "?";
        ask("alice", question);
        long gap = awaitGap(TAG);
        String collection = "curated-gap-" + TAG;
        collection(collection, List.of());
        String document = document(
                collection,
                "moorhen-" + TAG + ".md",
                "# Moorhen lockers " + TAG + "\n\nLockers are on the ground floor.\n");

        String text = "The moorhen lockers are behind building C, next to the cargo bike racks.";
        JsonPath written = manager()
                .body(Map.of("answer", text, "documents", List.of(document), "gapId", gap))
                .post("/api/curated")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertTrue(written.getList("questions").contains(question), written.prettify());
        assertEquals(gap, written.getLong("gapId"));
        manager()
                .get("/api/gaps/" + gap)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("resolved"));
        manager().get("/api/curated?gap=" + gap).then().statusCode(200).body("id", org.hamcrest.Matchers.hasSize(1));

        JsonPath again = ask("alice", question);
        assertEquals(text, again.getString("answer"));

        // Curated answers become evaluation items: the question, the text and the document expected.
        String set = manager()
                .post("/api/eval/sets/from-curated")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath items = manager()
                .get("/api/eval/sets/" + set)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(items.getList("items.question").contains(question), items.prettify());
        assertTrue(items.getList("items.expectedAnswer").contains(text));
        assertTrue(items.getList("items.expectedDocuments").contains(List.of(document)));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/api/eval/sets/from-curated")
                .then()
                .statusCode(403);
    }

    @Test
    void brokenInputIsRefusedWithAMessageAndNothingIsWritten() {
        String open = "curated-open-" + TAG;
        collection(open, List.of());
        String readable = document(open, "ok-" + TAG + ".md", "# Readable " + TAG + "\n\nSome text.\n");
        String restricted = "curated-hr-" + TAG;
        collection(restricted, List.of("hr"));
        String hidden = document(restricted, "hr-" + TAG + ".md", "# HR only " + TAG + "\n\nSalaries.\n");
        long before = count();
        List<String> q = List.of(STORED);

        refused(Map.of("answer", "  ", "documents", List.of(readable), "questions", q), "empty");
        refused(Map.of("answer", "x", "questions", q), "at least one document");
        refused(Map.of("answer", "x", "documents", List.of(), "questions", q), "at least one document");
        refused(
                Map.of("answer", "x", "documents", List.of(UUID.randomUUID().toString()), "questions", q),
                "no ready document");
        refused(Map.of("answer", "x", "documents", List.of("not-an-id"), "questions", q), "not a document id");
        // A document in a collection the author may not read is refused exactly like a missing one.
        refused(Map.of("answer", "x", "documents", List.of(hidden), "questions", q), "no ready document");
        refused(
                Map.of("answer", "x".repeat(8001), "documents", List.of(readable), "questions", q),
                "the limit is 8000");
        refused(Map.of("answer", "x", "documents", List.of(readable)), "at least one question");
        refused(Map.of("answer", "x", "documents", List.of(readable), "questions", List.of(" ")), "is empty");
        refused(
                Map.of(
                        "answer",
                        "x",
                        "documents",
                        List.of(readable),
                        "questions",
                        java.util.Collections.nCopies(21, "q")),
                "at most 20 questions");
        refused(Map.of("answer", "x", "documents", List.of(readable), "gapId", 987654321), "no knowledge gap");
        refused(Map.of("answer", "x", "documents", List.of(readable), "questions", q, "status", "active"), "'status'");
        manager().body("{\"answer\": ").post("/api/curated").then().statusCode(400);
        assertEquals(before, count(), "no refused request wrote anything");

        long id = manager()
                .body(Map.of("answer", "ok", "documents", List.of(readable), "questions", q))
                .post("/api/curated")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        manager()
                .body(Map.of())
                .patch("/api/curated/" + id)
                .then()
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("at least one"));
        manager()
                .body(Map.of("answer", "changed", "documents", List.of(hidden)))
                .patch("/api/curated/" + id)
                .then()
                .statusCode(400);
        manager()
                .get("/api/curated/" + id)
                .then()
                .statusCode(200)
                .body("answer", org.hamcrest.Matchers.equalTo("ok"))
                .body("version", org.hamcrest.Matchers.equalTo(1));
        manager().post("/api/curated/987654321/retire").then().statusCode(404);
        manager().get("/api/curated?status=maybe").then().statusCode(400);
        given().auth().oauth2(Tokens.of("alice")).get("/api/curated").then().statusCode(403);
    }

    private static void refused(Map<String, Object> body, String message) {
        manager()
                .body(body)
                .post("/api/curated")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(message));
    }

    private static String trainingLines() {
        return manager()
                .get("/api/training/chat.jsonl")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private long count() {
        return jdbc.one("SELECT count(*) FROM curated_answers", r -> r.getLong(1))
                .orElseThrow();
    }

    static RequestSpecification manager() {
        return given().auth().oauth2(Tokens.of("manager")).contentType(ContentType.JSON);
    }

    /** Conversations the tests asked in, by user: deleted after each test (with the gap questions they made). */
    static final List<Map.Entry<String, String>> ASKED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Deletes what the tests asked, so their questions (the gap clustering test's own topics) leave no open gap behind
     * for tests that count a cluster's askers.
     */
    static void forgetConversations() {
        for (Map.Entry<String, String> asked : ASKED) {
            given().auth()
                    .oauth2(Tokens.of(asked.getKey()))
                    .delete("/api/chat/conversations/" + asked.getValue())
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(204, 404));
        }
        ASKED.clear();
    }

    @org.junit.jupiter.api.AfterEach
    void deleteTheConversations() {
        forgetConversations();
    }

    static JsonPath ask(String user, String question) {
        JsonPath answer = askOnly(user, question);
        ASKED.add(Map.entry(user, answer.getString("conversationId")));
        return answer;
    }

    private static JsonPath askOnly(String user, String question) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static void collection(String name, List<String> groups) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "groups", groups))
                .post("/api/collections")
                .then()
                .statusCode(201);
    }

    static void setGroups(String collection, List<String> groups) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("groups", groups))
                .put("/api/collections/" + collection)
                .then()
                .statusCode(200);
    }

    static String document(String collection, String fileName, String text) {
        String id = Documents.upload(fileName, text.getBytes(StandardCharsets.UTF_8), collection)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertEquals("ready", Documents.awaitFinal(id, Duration.ofSeconds(120)).get("status"));
        return id;
    }

    /** Polls the gap reports until a gap with a question containing {@code text} appears; returns its id. */
    static long awaitGap(String text) {
        return Poll.until(
                () -> manager()
                        .get("/api/gaps?sort=lastSeen&limit=1000")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .<Map<String, Object>>getList("")
                        .stream()
                        // The label, or a recent example: the question may join an older cluster on the same
                        // topic.
                        .filter(g -> String.valueOf(g.get("label")).contains(text)
                                || String.valueOf(g.get("examples")).contains(text))
                        .map(g -> ((Number) g.get("id")).longValue())
                        .findFirst(),
                Duration.ofSeconds(60),
                () -> "no knowledge gap with '" + text + "'");
    }

    /** The value of docent_answers_total summed over every series with outcome="curated". */
    static double curatedCount() {
        String body = given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // name{labels} value, possibly followed by an exemplar ("# {trace_id=...} 1.0 <timestamp>").
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^docent_answers_total\\{([^}]*)}\\s+(\\S+).*");
        return body.lines()
                .map(line::matcher)
                .filter(m -> m.matches() && m.group(1).contains("outcome=\"curated\""))
                .mapToDouble(m -> Double.parseDouble(m.group(2)))
                .sum();
    }
}
