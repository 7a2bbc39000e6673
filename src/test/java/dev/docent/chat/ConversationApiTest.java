package dev.docent.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.gaps.GapCause;
import dev.docent.gaps.GapQuestion;
import dev.docent.gaps.GapRepository;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Listing, searching, paging, renaming and deleting one's conversations, including every broken request we thought of. */
@QuarkusTest
class ConversationApiTest {

    static final String ALICE = "alice";

    @Inject
    Jdbc jdbc;

    @Inject
    GapRepository gaps;

    @Inject
    ConversationRepository conversations;

    @Test
    void theListPagesPastTwoHundredNewestFirstWithoutSkippingOrRepeatingAConversation() {
        String tag = tag();
        // 230 conversations, every ten sharing one time to the microsecond: the page boundary must break ties.
        Instant base = Instant.parse("2003-04-05T06:07:08.123456Z");
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            expected.add(conversation(ALICE, "Paging " + tag + " #" + i, base.plus(i / 10, ChronoUnit.MINUTES)));
        }

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            RequestSpecification request = as(ALICE).queryParam("q", tag).queryParam("limit", 100);
            if (before != null) {
                request = request.queryParam("before", before);
            }
            Map<String, Object> page = request.get("/api/chat/conversations")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) page.get("conversations");
            listed.forEach(c -> {
                seen.add((String) c.get("id"));
                times.add(Instant.parse((String) c.get("updatedAt")));
            });
            before = (String) page.get("next");
            pages++;
            assertTrue(pages <= 3, "230 conversations fit in three pages of 100");
        } while (before != null);

        assertEquals(3, pages);
        assertEquals(230, seen.size());
        assertEquals(230, new HashSet<>(seen).size(), "no conversation appears twice");
        assertEquals(
                expected.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet()), Set.copyOf(seen));
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first");
        }
        assertEquals(base.plus(22, ChronoUnit.MINUTES), times.getFirst(), "the date of each conversation is listed");

        as(ALICE)
                .queryParam("q", tag)
                .get("/api/chat/conversations")
                .then()
                .statusCode(200)
                .body("conversations", hasSize(ConversationQuery.DEFAULT_LIMIT))
                .body("next", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void searchMatchesTitlesAndQuestionsLiterallyWhateverCharactersItHolds() {
        String tag = tag();
        // The tag leads every title, so a search never meets another run's conversations.
        UUID odd = conversation(ALICE, tag + " Budget 100% _final_ (v2) [draft] .* \\ end", Instant.now());
        UUID plain = conversation(ALICE, tag + " Budget 1000 final v2 draft", Instant.now());
        UUID byQuestion = conversation(ALICE, "Lunch " + tag, Instant.now());
        message(byQuestion, ALICE, tag + " Is O'Brien's canteen open?'; DROP TABLE conversations;-- " + tag);
        UUID hanas = conversation("hana", tag + " Budget 100% _final_", Instant.now());

        List<String> onlyOdd = List.of(odd.toString());
        assertEquals(onlyOdd, search(ALICE, tag + " Budget 100% _final_ (v2) [draft] .* \\ end"));
        assertEquals(onlyOdd, search(ALICE, tag + " Budget 100%"), "% is a character, not a wildcard");
        assertEquals(onlyOdd, search(ALICE, tag + " Budget 100% _final_"), "_ is a character, not a wildcard");
        assertEquals(onlyOdd, search(ALICE, tag + " Budget 100% _final_ (v2) [draft] .*"), "no regular expression");
        assertEquals(onlyOdd, search(ALICE, tag.toUpperCase() + " BUDGET 100%"), "case does not matter");
        assertEquals(
                List.of(byQuestion.toString()), search(ALICE, tag + " IS O'BRIEN's"), "questions are searched too");
        assertEquals(
                List.of(byQuestion.toString()),
                search(ALICE, "'; DROP TABLE conversations;-- " + tag),
                "a search, no SQL");
        assertEquals(Set.of(odd.toString(), plain.toString()), Set.copyOf(search(ALICE, tag + " budget")));
        assertEquals(List.of(), search(ALICE, tag + " nothing like this"));
        assertEquals(1, conversationsNamed("Lunch " + tag), "the table is still there");
        assertFalse(search(ALICE, tag).contains(hanas.toString()), "only one's own");
        assertEquals(List.of(hanas.toString()), search("hana", tag));

        as(ALICE)
                .queryParam("q", "x".repeat(201))
                .get("/api/chat/conversations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 200"));
        // A blank search is no search.
        as(ALICE).queryParam("q", "   ").get("/api/chat/conversations").then().statusCode(200);
    }

    @Test
    void brokenPagingParametersAreRefusedWithWhatToSend() {
        for (String limit : List.of("0", "-1", "100000", "201", "abc", "1.5", "99999999999999999999")) {
            as(ALICE)
                    .queryParam("limit", limit)
                    .get("/api/chat/conversations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("from 1 to 200"));
        }
        as(ALICE)
                .queryParam("limit", "200")
                .get("/api/chat/conversations")
                .then()
                .statusCode(200);
        String forged = java.util.Base64.getUrlEncoder().encodeToString("yesterday|not-an-id".getBytes());
        for (String before : List.of("garbage!", "%%%", forged, "'; DROP TABLE conversations;--")) {
            as(ALICE)
                    .queryParam("before", before)
                    .get("/api/chat/conversations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("'next' value"));
        }
    }

    @Test
    void theOwnerRenamesAConversationOnOneLineWithoutMovingItInTheList() {
        Instant when = Instant.parse("2011-01-02T03:04:05.678901Z");
        UUID id = conversation(ALICE, "Old title", when);

        rename(ALICE, id.toString(), Map.of("title", "  Vacation\n\tplanning   2027  "))
                .then()
                .statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("title", equalTo("Vacation planning 2027"))
                .body("updatedAt", equalTo("2011-01-02T03:04:05.678901Z"));
        as(ALICE)
                .get("/api/chat/conversations/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Vacation planning 2027"));
        rename(ALICE, id.toString(), Map.of("title", "x".repeat(200))).then().statusCode(200);
    }

    @Test
    void brokenRenamesAreRefusedAndChangeNothing() {
        UUID id = conversation(ALICE, "Keep me", Instant.now());
        String path = id.toString();

        expectProblem(rename(ALICE, path, Map.of("title", "")), 400, "it is empty");
        expectProblem(rename(ALICE, path, Map.of("title", "   \n\t ")), 400, "it is empty");
        expectProblem(rename(ALICE, path, Map.of("title", "\u0000\u0007")), 400, "it is empty");
        expectProblem(rename(ALICE, path, Map.of("title", "x".repeat(10_000))), 400, "at most 200 characters");
        expectProblem(rename(ALICE, path, Map.of("name", "no title field")), 400, "it is empty");
        expectProblem(rename(ALICE, path, "{\"title\": "), 400, "not the JSON");
        expectProblem(rename(ALICE, path, "[\"title\"]"), 400, "");
        expectProblem(
                as(ALICE).contentType(ContentType.JSON).patch("/api/chat/conversations/" + path), 400, "{\"title\"");
        expectProblem(rename("hana", path, Map.of("title", "Mine now")), 404, "not yours");
        expectProblem(rename(ALICE, UUID.randomUUID().toString(), Map.of("title", "Nobody's")), 404, "not yours");
        expectProblem(rename(ALICE, "not-a-uuid", Map.of("title", "x")), 400, "is not a conversation id");
        expectProblem(rename(ALICE, "1' OR '1'='1", Map.of("title", "x")), 400, "is not a conversation id");
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "anonymous"))
                .patch("/api/chat/conversations/" + path)
                .then()
                .statusCode(401);

        assertEquals("Keep me", title(id));
    }

    @Test
    void deletingAConversationTakesItsAnswersFeedbackAndGapQuestionsWithItAndRefreshesTheClusters() {
        String tag = tag();
        UUID doomed = conversation(ALICE, "Doomed " + tag, Instant.now());
        UUID first = message(doomed, ALICE, "Where is the doomed rooftop garden " + tag + "?");
        UUID second = message(doomed, ALICE, "Who waters the doomed rooftop garden " + tag + "?");
        jdbc.update(
                "INSERT INTO answer_feedback (message_id, owner, rating, reason) VALUES (?, ?, 'down', 'didnt_answer')",
                first,
                ALICE);
        UUID kept = conversation(ALICE, "Kept " + tag, Instant.now());
        UUID survivor = message(kept, ALICE, "When does the kept rooftop garden open " + tag + "?");

        // One cluster shared with another conversation (refreshed), one made only of the doomed questions (dropped).
        float[] vector = vector(1);
        long shared = QuarkusTransaction.requiringNew().call(() -> {
            long cluster = gaps.create("Where is the doomed rooftop garden?", vector, "test-model");
            gaps.add(cluster, question(first, "Where is the doomed rooftop garden " + tag + "?"), List.of(), vector);
            gaps.add(
                    cluster,
                    question(survivor, "When does the kept rooftop garden open " + tag + "?"),
                    List.of(),
                    vector);
            return cluster;
        });
        long alone = QuarkusTransaction.requiringNew().call(() -> {
            long cluster = gaps.create("Who waters it?", vector(2), "test-model");
            gaps.add(
                    cluster,
                    question(second, "Who waters the doomed rooftop garden " + tag + "?"),
                    List.of(),
                    vector(2));
            return cluster;
        });
        jdbc.update(
                "UPDATE gap_clusters SET evidence = jsonb_build_object('question', ?::text, 'answered', 1) WHERE id = ?",
                "Where is the doomed rooftop garden " + tag + "?",
                shared);

        expectProblem(as("hana").delete("/api/chat/conversations/" + doomed), 404, "not yours");
        expectProblem(as(ALICE).delete("/api/chat/conversations/not-a-uuid"), 400, "is not a conversation id");
        assertEquals(2, count("SELECT count(*) FROM messages WHERE conversation_id = ?", doomed));

        as(ALICE).delete("/api/chat/conversations/" + doomed).then().statusCode(204);

        assertEquals(0, count("SELECT count(*) FROM conversations WHERE id = ?", doomed));
        assertEquals(0, count("SELECT count(*) FROM messages WHERE conversation_id = ?", doomed));
        assertEquals(0, count("SELECT count(*) FROM answer_feedback WHERE message_id = ?", first));
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM gap_questions WHERE message_id = ANY(?::uuid[])",
                        List.of(first.toString(), second.toString())));
        assertEquals(0, count("SELECT count(*) FROM gap_clusters WHERE id = ?", alone), "an emptied cluster goes");
        assertEquals(
                "When does the kept rooftop garden open " + tag + "?",
                jdbc.one("SELECT label FROM gap_clusters WHERE id = ?", row -> row.getString(1), shared)
                        .orElseThrow(),
                "the label is now a question that still exists");
        assertEquals(
                "{\"answered\": 1}",
                jdbc.one("SELECT evidence::text FROM gap_clusters WHERE id = ?", row -> row.getString(1), shared)
                        .orElseThrow(),
                "the evidence no longer quotes a deleted question");
        assertEquals(1, count("SELECT count(*) FROM messages WHERE conversation_id = ?", kept), "others are untouched");

        expectProblem(as(ALICE).get("/api/chat/conversations/" + doomed), 404, "not yours");
        expectProblem(as(ALICE).delete("/api/chat/conversations/" + doomed), 404, "not yours");
        assertFalse(search(ALICE, tag).contains(doomed.toString()));
        // The test's own cluster would otherwise show in the gap reports other tests read.
        jdbc.update("DELETE FROM gap_clusters WHERE id = ?", shared);
    }

    @Test
    void aDeletionThatFailsHalfwayLeavesEverythingAsItWas() {
        UUID id = conversation(Explosive.OWNER, "Cannot be deleted", Instant.now());
        UUID message = message(id, Explosive.OWNER, "Will this survive?");

        jdbc.update("UPDATE conversations SET owner_sub = ? WHERE id = ?", Explosive.OWNER, id);

        assertThrows(
                IllegalStateException.class,
                () -> conversations.delete(id, new Owner(Explosive.OWNER, Explosive.OWNER)));

        assertEquals(1, count("SELECT count(*) FROM conversations WHERE id = ?", id));
        assertEquals(1, count("SELECT count(*) FROM messages WHERE id = ?", message));
    }

    @Test
    void aBadConversationIdIsABadRequestNotAMissingPage() {
        expectProblem(as(ALICE).get("/api/chat/conversations/not-a-uuid"), 400, "is not a conversation id");
        expectProblem(as(ALICE).get("/api/chat/conversations/" + UUID.randomUUID()), 404, "not yours");
    }

    /** A listener that fails for one owner only: the deletion must then undo itself. */
    @ApplicationScoped
    static class Explosive {
        static final String OWNER = "explosive-test-owner";

        void onDeleted(@Observes ConversationDeleted deleted) {
            if (OWNER.equals(deleted.owner())) {
                throw new IllegalStateException("a listener failed");
            }
        }
    }

    /** Letters only (digits would be masked in gap labels): unique to one run, so runs never see each other's rows. */
    private static String tag() {
        java.util.Random random = new java.util.Random();
        StringBuilder tag = new StringBuilder("t");
        for (int i = 0; i < 10; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        return tag.toString();
    }

    private UUID conversation(String owner, String title, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO conversations (id, owner, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id,
                owner,
                title,
                updatedAt,
                updatedAt);
        return id;
    }

    private UUID message(UUID conversation, String owner, String question) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered,
                                      unanswered_cause, provider, total_ms)
                VALUES (?, ?, ?, ?, ?, 'not covered', false, 'no_content', 'extractive', 1)
                """, id, conversation, owner, question, question);
        return id;
    }

    private static GapQuestion question(UUID message, String text) {
        return new GapQuestion(
                message, ALICE, Set.of(), text, text, GapCause.NO_CONTENT, Instant.now(), null, null, List.of());
    }

    private static float[] vector(int axis) {
        float[] v = new float[384];
        v[axis] = 1;
        return v;
    }

    private long count(String sql, Object... params) {
        return jdbc.one(sql, row -> row.getLong(1), params).orElseThrow();
    }

    private long conversationsNamed(String title) {
        return count("SELECT count(*) FROM conversations WHERE title = ?", title);
    }

    private String title(UUID id) {
        String title = jdbc.one("SELECT title FROM conversations WHERE id = ?", row -> row.getString(1), id)
                .orElseThrow();
        assertNotNull(title);
        return title;
    }

    private static List<String> search(String who, String q) {
        return as(who).queryParam("q", q)
                .queryParam("limit", 200)
                .get("/api/chat/conversations")
                .then()
                .statusCode(200)
                .body("next", nullValue())
                .extract()
                .jsonPath()
                .getList("conversations.id");
    }

    private static Response rename(String who, String id, Object body) {
        return as(who).contentType(ContentType.JSON).body(body).patch("/api/chat/conversations/" + id);
    }

    private static void expectProblem(Response response, int status, String detail) {
        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("detail", containsString(detail))
                .body("detail", org.hamcrest.Matchers.not(containsString("Exception")));
    }

    private static RequestSpecification as(String who) {
        return given().auth().oauth2(Tokens.of(who));
    }
}
