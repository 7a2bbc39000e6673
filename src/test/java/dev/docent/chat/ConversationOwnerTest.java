package dev.docent.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.system.Jdbc;
import dev.docent.testing.KeycloakUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Conversations belong to the Keycloak account (the token's {@code sub}), not to a user name: a renamed user keeps
 * theirs, and a new account given a deleted user's name gets none of them.
 */
@QuarkusTest
class ConversationOwnerTest {

    @Inject
    Jdbc jdbc;

    @Test
    void aUserRenamedInKeycloakStillSeesTheirConversations() {
        String name = "ren" + tag();
        String id = KeycloakUsers.create(name, "pw-" + name);
        try {
            String token = KeycloakUsers.token(name, "pw-" + name);
            Map<String, String> asked = ask(token, "Where is the bicycle shed for visitors? " + name);

            KeycloakUsers.rename(id, name + "x");
            String renamed = KeycloakUsers.token(name + "x", "pw-" + name);

            assertEquals(List.of(asked.get("conversationId")), listed(renamed), "the list after the rename");
            given().auth()
                    .oauth2(renamed)
                    .get("/api/chat/conversations/" + asked.get("conversationId"))
                    .then()
                    .statusCode(200)
                    .body("messages[0].question", equalTo("Where is the bicycle shed for visitors? " + name));
            given().auth()
                    .oauth2(renamed)
                    .contentType(ContentType.JSON)
                    .body(Map.of("rating", "up"))
                    .post("/api/chat/" + asked.get("messageId") + "/feedback")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(renamed)
                    .get("/api/me/export")
                    .then()
                    .statusCode(200)
                    .body("account.username", equalTo(name + "x"))
                    .body("messages.size()", equalTo(1))
                    .body("feedback.size()", equalTo(1));
            assertEquals(
                    name + "x",
                    jdbc.one(
                                    "SELECT owner FROM conversations WHERE id = ?::uuid",
                                    row -> row.getString(1),
                                    asked.get("conversationId"))
                            .orElseThrow(),
                    "the name kept for display and erasure follows the rename");

            given().auth().oauth2(renamed).delete("/api/privacy/me").then().statusCode(200);
            assertEquals(0, conversations(asked.get("conversationId")), "erasing their data takes it, by account");
        } finally {
            KeycloakUsers.delete(id);
        }
    }

    @Test
    void aNewAccountGivenADeletedUsersNameSeesNoneOfTheirConversations() {
        String name = "rec" + tag();
        String first = KeycloakUsers.create(name, "pw-" + name);
        Map<String, String> asked =
                ask(KeycloakUsers.token(name, "pw-" + name), "What does the night porter do on holidays? " + name);
        KeycloakUsers.delete(first);

        String second = KeycloakUsers.create(name, "other-" + name);
        try {
            String token = KeycloakUsers.token(name, "other-" + name);
            assertEquals(List.of(), listed(token), "the new account's list");
            given().auth()
                    .oauth2(token)
                    .get("/api/chat/conversations/" + asked.get("conversationId"))
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("question", "And on Sundays?", "conversationId", asked.get("conversationId")))
                    .post("/api/chat")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("rating", "down", "reason", "incorrect"))
                    .post("/api/chat/" + asked.get("messageId") + "/feedback")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(token)
                    .delete("/api/privacy/conversations/" + asked.get("conversationId"))
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(token)
                    .get("/api/me/export")
                    .then()
                    .statusCode(200)
                    .body("messages.size()", equalTo(0));
            given().auth().oauth2(token).delete("/api/privacy/me").then().statusCode(200);
            assertEquals(1, conversations(asked.get("conversationId")), "the new account's erasure is of its own data");
        } finally {
            KeycloakUsers.delete(second);
        }
        // An admin's erasure by name reaches the departed account's conversations too.
        given().auth()
                .oauth2(dev.docent.testing.Tokens.of("admin"))
                .delete("/api/privacy/users/" + name)
                .then()
                .statusCode(200)
                .body("conversations", equalTo(1));
        assertEquals(0, conversations(asked.get("conversationId")));
    }

    @Test
    void conversationsFromBeforeOwnersWereKeyedOnSubGoToTheAccountWithTheirNameAtItsNextSignIn() {
        String name = "old" + tag();
        UUID conversation = UUID.randomUUID();
        // As V52 leaves a conversation recorded under a user name only.
        jdbc.update(
                "INSERT INTO conversations (id, owner, title) VALUES (?, ?, 'Recorded before the upgrade')",
                conversation,
                name);
        String id = KeycloakUsers.create(name, "pw-" + name);
        try {
            String token = KeycloakUsers.token(name, "pw-" + name);
            assertEquals(List.of(conversation.toString()), listed(token));
            assertEquals(
                    id,
                    jdbc.one("SELECT owner_sub FROM conversations WHERE id = ?", row -> row.getString(1), conversation)
                            .orElseThrow(),
                    "claimed by the account (Keycloak's user id is the token's sub)");
        } finally {
            KeycloakUsers.delete(id);
        }
        jdbc.update("DELETE FROM conversations WHERE id = ?", conversation);
    }

    private long conversations(String id) {
        return jdbc.one("SELECT count(*) FROM conversations WHERE id = ?::uuid", row -> row.getLong(1), id)
                .orElseThrow();
    }

    /** The new conversation's and message's ids. */
    private static Map<String, String> ask(String token, String question) {
        io.restassured.path.json.JsonPath answer = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return Map.of("conversationId", answer.getString("conversationId"), "messageId", answer.getString("messageId"));
    }

    private static List<String> listed(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/chat/conversations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("conversations.id", String.class);
    }

    /** Letters only: Keycloak lower-cases user names, and the tag keeps runs apart. */
    private static String tag() {
        java.util.Random random = new java.util.Random();
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        return tag.toString();
    }
}
