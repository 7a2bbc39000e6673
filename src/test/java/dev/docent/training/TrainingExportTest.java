package dev.docent.training;

import static dev.docent.review.ReviewFixture.as;
import static dev.docent.review.ReviewFixture.ask;
import static dev.docent.review.ReviewFixture.askWith;
import static dev.docent.review.ReviewFixture.rate;
import static dev.docent.review.ReviewFixture.review;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.llm.LocalModelProfile;
import dev.docent.llm.PromptCanary;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.KeycloakUsers;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fine-tuning export: every line is a valid OpenAI chat (or preference) example built with the chat's own prompt,
 * personal data masked, and only from collections an admin marked for training. Erasing an asker takes their reviewed
 * answers out of it.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class TrainingExportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // Letters only: a run of digits in it would be masked as a number.
    static final String TAG = UUID.randomUUID()
            .toString()
            .substring(0, 8)
            .chars()
            .mapToObj(c -> String.valueOf((char) ('a' + c % 26)))
            .reduce("", String::concat);
    static final String TRAIN = "train-" + TAG;
    static final String HOLD = "hold-" + TAG;
    static final String TOWER = "Brennholt" + TAG.substring(0, 4);
    static final String FERRY = "Ostwick" + TAG.substring(0, 4);
    static boolean ready;

    /** Replies go in as the fallback, not queued: a gap replay after an upload may ask the model in between. */
    final StubLlm model = StubLlm.shared("local");

    @Inject
    Jdbc jdbc;

    @Inject
    PromptCanary canary;

    @BeforeEach
    void collections() {
        model.reset();
        if (ready) {
            return;
        }
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of("name", TRAIN, "trainingUse", true))
                .post("/api/collections")
                .then()
                .statusCode(201);
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of("name", HOLD))
                .post("/api/collections")
                .then()
                .statusCode(201)
                .body("trainingUse", org.hamcrest.Matchers.equalTo(false));
        upload("tower-" + TAG + ".md", TRAIN, """
                # %s tower

                ## Opening hours

                The %s tower opens at 9:00 and closes at 18:00. Tickets cost 12 euros at the gate.
                """.formatted(TOWER, TOWER));
        upload("ferry-" + TAG + ".md", HOLD, """
                # %s ferry

                ## Departures

                The %s ferry leaves the harbour every 40 minutes from 6:00 to 22:00.
                """.formatted(FERRY, FERRY));
        ready = true;
    }

    @Test
    void exportLinesAreOpenAiExamplesBuiltLikeTheChatPromptMaskedAndFromTrainingCollectionsOnly() throws Exception {
        String question = "When does the " + TOWER + " tower open?";
        model.fallback(Reply.text("The tower opens at 9:00 [1]."));
        String helpful = ask("alice", question, TRAIN).getString("messageId");
        String served = model.requests().stream()
                .map(TrainingExportTest::lastUserMessage)
                .filter(m -> m.contains(question))
                .reduce((a, b) -> b)
                .orElseThrow();
        rate(Tokens.of("alice"), helpful, "up", null, null);

        model.fallback(Reply.text("Tickets cost 30 euros [1]."));
        String wrong = ask("alice", "How much is a ticket for the " + TOWER + " tower? I am jo.doe@example.com", TRAIN)
                .getString("messageId");
        rate(Tokens.of("alice"), wrong, "down", "incorrect", null);
        review(wrong, "incorrect", "Tickets cost 12 euros at the gate [1]; ask jo.doe@example.com for groups.");

        model.fallback(Reply.text("The ferry leaves every 40 minutes [1]."));
        String held = ask("alice", "How often does the " + FERRY + " ferry leave?", HOLD)
                .getString("messageId");
        rate(Tokens.of("alice"), held, "up", null, null);

        List<JsonNode> chat = lines("/api/training/chat.jsonl");
        List<JsonNode> pairs = lines("/api/training/preferences.jsonl");
        String all = chat.toString() + pairs;
        assertFalse(all.contains("@example.com"), "no e-mail address left");
        assertFalse(all.contains(canary.token()), "never the live canary");
        assertFalse(all.contains(FERRY), "nothing from a collection not marked for training");

        for (JsonNode line : chat) {
            List<String> roles = roles(line.get("messages"));
            assertEquals("system", roles.getFirst(), line.toString());
            assertEquals("assistant", roles.getLast(), line.toString());
            for (int i = 1; i < roles.size(); i++) {
                assertEquals(i % 2 == 1 ? "user" : "assistant", roles.get(i), "turns alternate: " + roles);
            }
            line.get("messages")
                    .forEach(m -> assertTrue(m.get("content").isTextual()
                            && !m.get("content").asText().isBlank()));
        }
        JsonNode example = withUser(chat, question);
        JsonNode messages = example.get("messages");
        assertEquals(served, messages.get(messages.size() - 2).get("content").asText(), "the prompt chat served");
        assertEquals(
                "The tower opens at 9:00 [1].",
                messages.get(messages.size() - 1).get("content").asText());
        assertTrue(messages.get(messages.size() - 1).get("weight") == null, "the real answer is learnt");
        assertTrue(messages.get(0).get("content").asText().contains("[1]"), "the chat's system prompt");

        JsonNode correction = withUser(chat, "How much is a ticket for the " + TOWER + " tower? I am [email]");
        assertEquals(
                "Tickets cost 12 euros at the gate [1]; ask [email] for groups.",
                last(correction.get("messages")).get("content").asText());

        JsonNode pair = pairs.stream()
                .filter(p -> last(p.get("input").get("messages"))
                        .get("content")
                        .asText()
                        .contains("I am [email]"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no preference pair in " + pairs));
        assertEquals("user", last(pair.get("input").get("messages")).get("role").asText());
        assertEquals(
                "system", pair.get("input").get("messages").get(0).get("role").asText());
        assertEquals(
                "assistant", pair.get("preferred_output").get(0).get("role").asText());
        assertEquals(
                "Tickets cost 12 euros at the gate [1]; ask [email] for groups.",
                pair.get("preferred_output").get(0).get("content").asText());
        assertEquals(
                "Tickets cost 30 euros [1].",
                pair.get("non_preferred_output").get(0).get("content").asText());
        assertEquals(1, pair.get("preferred_output").size());
        assertEquals(1, pair.get("non_preferred_output").size());

        Map<String, Object> summary = as("manager")
                .get("/api/training")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertTrue(((List<?>) summary.get("collections")).contains(TRAIN), summary.toString());
        assertFalse(((List<?>) summary.get("collections")).contains(HOLD), summary.toString());
        assertTrue(((Number) summary.get("notForTraining")).intValue() >= 1, summary.toString());

        // Unmarking the collection takes its examples out.
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of("trainingUse", false))
                .put("/api/collections/" + TRAIN)
                .then()
                .statusCode(200)
                .body("trainingUse", org.hamcrest.Matchers.equalTo(false));
        assertFalse(lines("/api/training/chat.jsonl").toString().contains(TOWER));
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of("trainingUse", true))
                .put("/api/collections/" + TRAIN)
                .then()
                .statusCode(200);
        as("alice").get("/api/training/chat.jsonl").then().statusCode(403);
    }

    @Test
    void erasingAnAskerTakesTheirReviewsCorrectionsAndItemsAlong() {
        String name = "rev-" + TAG;
        String id = KeycloakUsers.create(name, "pw-" + TAG);
        try {
            String token = KeycloakUsers.token(name, "pw-" + TAG);
            model.fallback(Reply.text("The tower opens at noon [1]."));
            String message = askWith(token, "At what time does the " + TOWER + " tower open its doors?", TRAIN)
                    .getString("messageId");
            rate(token, message, "down", "incorrect", "Wrong hour");
            review(message, "incorrect", "Correction " + TAG + ": the tower opens at 9:00 [1].");
            String set = as("manager")
                    .post("/api/eval/sets/from-reviews?name=Erasure " + TAG)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            assertTrue(lines("/api/training/chat.jsonl").toString().contains("Correction " + TAG));
            assertTrue(
                    io.restassured.RestAssured.given()
                            .auth()
                            .oauth2(token)
                            .get("/api/me/export")
                            .asString()
                            .contains("Correction " + TAG),
                    "the asker's export shows the review of their answer");

            long items = count("SELECT count(*) FROM eval_items WHERE set_id = ?::uuid", set);
            assertEquals(1, count("SELECT count(*) FROM eval_items WHERE source_message = ?::uuid", message));

            as("admin").delete("/api/privacy/users/" + name).then().statusCode(200);

            assertEquals(0, count("SELECT count(*) FROM answer_reviews WHERE message_id = ?::uuid", message));
            assertEquals(0, count("SELECT count(*) FROM answer_reviews WHERE correction LIKE ?", "%" + TAG + "%"));
            assertEquals(0, count("SELECT count(*) FROM eval_items WHERE source_message = ?::uuid", message));
            assertEquals(
                    items - 1,
                    count("SELECT count(*) FROM eval_items WHERE set_id = ?::uuid", set),
                    "only the erased asker's item left the set");
            assertFalse(lines("/api/training/chat.jsonl").toString().contains("Correction " + TAG));
        } finally {
            KeycloakUsers.delete(id);
        }
    }

    private static void upload(String file, String collection, String text) {
        String id = Documents.upload(file, text.getBytes(StandardCharsets.UTF_8), collection)
                .then()
                .extract()
                .path("id");
        assertEquals("ready", Documents.awaitFinal(id, Duration.ofSeconds(120)).get("status"));
    }

    private static List<JsonNode> lines(String path) {
        String body = as("manager")
                .get(path)
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("application/jsonl"))
                .extract()
                .asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                lines.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        return lines;
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").asText()));
        return roles;
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static JsonNode withUser(List<JsonNode> chat, String question) {
        return chat.stream()
                .filter(l -> {
                    JsonNode m = l.get("messages");
                    return m.get(m.size() - 2).get("content").asText().contains(question);
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no example for " + question));
    }

    private static String lastUserMessage(JsonNode request) {
        JsonNode messages = request.get("messages");
        return last(messages).get("content").asText();
    }

    private long count(String sql, Object... params) {
        return jdbc.one(sql, row -> row.getLong(1), params).orElseThrow();
    }
}
