package dev.docent.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint, asked by anonymous, a user, an admin and a knowledge manager: who gets in, who is sent to sign in,
 * who is refused.
 */
@QuarkusTest
class RoleMatrixTest {

    static final String ANONYMOUS = "anonymous";

    @Inject
    Jdbc jdbc;

    /** Endpoint, then the expected status for anonymous, alice (user), admin, manager (knowledge-manager). */
    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of("/api/me", 401, 200, 200, 200),
                Arguments.of("/api/documents", 401, 403, 200, 403),
                Arguments.of("/api/collections", 401, 200, 200, 200),
                Arguments.of("/api/search?q=vacation", 401, 200, 200, 200),
                Arguments.of("/", 302, 303, 303, 303),
                Arguments.of("/chat", 302, 200, 200, 200),
                Arguments.of("/api/chat/conversations", 401, 200, 200, 200),
                Arguments.of("/api/chat/conversations?q=x&limit=10", 401, 200, 200, 200),
                Arguments.of("/documents", 302, 403, 200, 403),
                Arguments.of("/gaps", 302, 403, 403, 200),
                Arguments.of("/api/gaps", 401, 403, 403, 200),
                Arguments.of("/api/gaps/overview", 401, 403, 403, 200),
                Arguments.of("/api/gaps/export.csv", 401, 403, 403, 200),
                Arguments.of("/signed-out", 200, 200, 200, 200),
                Arguments.of("/q/health/live", 200, 200, 200, 200),
                Arguments.of("/q/health/ready", 200, 200, 200, 200),
                Arguments.of("/q/metrics", 401, 403, 200, 403),
                Arguments.of("/my-data", 302, 200, 200, 200),
                Arguments.of("/api/me/export", 401, 200, 200, 200),
                Arguments.of("/api/audit", 401, 403, 200, 403),
                Arguments.of("/api/monitoring/answers/low-groundedness", 401, 403, 200, 200),
                Arguments.of("/api/monitoring/alerts", 401, 403, 200, 403),
                Arguments.of("/api/audit/export", 401, 403, 200, 403),
                Arguments.of("/api/safety", 401, 403, 200, 403),
                Arguments.of("/safety", 302, 403, 200, 403),
                Arguments.of("/operations", 302, 403, 200, 403),
                Arguments.of("/api/monitoring/operations/answers?window=7d", 401, 403, 200, 403),
                Arguments.of("/api/monitoring/operations/usage", 401, 403, 200, 403),
                Arguments.of("/api/monitoring/operations/ingestion", 401, 403, 200, 403),
                Arguments.of("/api/monitoring/operations/storage", 401, 403, 200, 403),
                Arguments.of("/api/monitoring/operations/resources", 401, 403, 200, 403),
                Arguments.of("/api/monitoring/operations/model-server", 401, 403, 200, 403),
                Arguments.of("/review", 302, 403, 200, 200),
                Arguments.of("/api/review", 401, 403, 200, 200),
                Arguments.of("/api/review?reason=thumbs_down&status=all&limit=5", 401, 403, 200, 200),
                Arguments.of("/api/training", 401, 403, 200, 200),
                Arguments.of("/api/training/chat.jsonl", 401, 403, 200, 200),
                Arguments.of("/api/training/preferences.jsonl", 401, 403, 200, 200),
                Arguments.of("/logout", 405, 405, 405, 405),
                Arguments.of("/q/openapi", 401, 200, 200, 200),
                Arguments.of("/q/swagger-ui/", 302, 403, 200, 403),
                Arguments.of("/api/prompts", 401, 403, 200, 200),
                Arguments.of("/api/prompts/answer-v1", 401, 403, 200, 200),
                Arguments.of("/api/prompts/answer-v1/diff/rewrite-v1", 401, 403, 200, 200),
                Arguments.of("/api/curated", 401, 403, 200, 200),
                Arguments.of("/api/curated?status=retired", 401, 403, 200, 200),
                Arguments.of("/api/curated/" + Long.MAX_VALUE, 401, 403, 404, 404),
                Arguments.of("/api/sources", 401, 403, 200, 403));
    }

    /** State-changing endpoints: method and path, then the expected status per caller as above. */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("DELETE", "/api/privacy/users/nobody-" + System.nanoTime(), 401, 403, 200, 403),
                // A collection that does not exist: only an admin gets as far as being told so.
                Arguments.of("DELETE", "/api/collections/none-" + System.nanoTime() + "?confirm=x", 401, 403, 404, 403),
                Arguments.of("DELETE", "/api/privacy/conversations/" + java.util.UUID.randomUUID(), 401, 404, 404, 404),
                // A source that does not exist: only an admin gets as far as being told so.
                Arguments.of("POST", "/api/sources/999999999/sync", 401, 403, 404, 403),
                Arguments.of(
                        "POST", "/api/safety/chunks/" + java.util.UUID.randomUUID() + "/0/release", 401, 403, 404, 403),
                // The MCP server: bearer tokens of any signed-in role reach it (an empty body is a bad MCP request).
                Arguments.of("POST", "/mcp", 401, 400, 400, 400),
                // A version that does not exist: knowledge managers and admins are told so; nothing is promoted.
                Arguments.of("POST", "/api/prompts/answer-v999999/promote", 401, 403, 404, 404),
                Arguments.of("POST", "/api/curated/" + Long.MAX_VALUE + "/retire", 401, 403, 404, 404),
                // A name over 200 characters: the roles that may build a set are told so; nothing is built.
                Arguments.of("POST", "/api/eval/sets/from-curated?name=" + "n".repeat(201), 401, 403, 400, 400));
    }

    @ParameterizedTest(name = "{0} {1}: anonymous {2}, user {3}, admin {4}, knowledge-manager {5}")
    @MethodSource("changes")
    void eachRoleMayChangeWhatItMayAndNothingElse(
            String method, String path, int anonymous, int user, int admin, int manager) {
        as(ANONYMOUS).request(method, path).then().statusCode(anonymous);
        as("alice").request(method, path).then().statusCode(user);
        as("admin").request(method, path).then().statusCode(admin);
        as("manager").request(method, path).then().statusCode(manager);
    }

    @ParameterizedTest(name = "{0}: anonymous {1}, user {2}, admin {3}, knowledge-manager {4}")
    @MethodSource("matrix")
    void eachRoleGetsWhatItMayAndNothingElse(String path, int anonymous, int user, int admin, int manager) {
        expect(ANONYMOUS, path, anonymous);
        expect("alice", path, user);
        expect("admin", path, admin);
        expect("manager", path, manager);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void anonymousPagesAreSentToTheKeycloakLoginPage(String path, int anonymous, int user, int admin, int manager) {
        if (anonymous == 302) {
            as(ANONYMOUS)
                    .get(path)
                    .then()
                    .header("Location", startsWith(Tokens.realmUrl() + "/protocol/openid-connect/auth"));
        }
    }

    /**
     * A conversation's own endpoints, on alice's conversation: only alice reaches it; every other signed-in role gets
     * the 404 a missing conversation gets (no hint that it exists), anonymous a 401. Every demo role includes
     * {@code user}, so no signed-in caller is refused with 403 here.
     */
    @ParameterizedTest(name = "{0} a conversation")
    @ValueSource(strings = {"GET", "PATCH", "DELETE"})
    void aConversationIsReachedByItsOwnerOnly(String method) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO conversations (id, owner, title) VALUES (?, 'alice', 'Role matrix')", id);
        String path = "/api/chat/conversations/" + id;
        for (String who : List.of(ANONYMOUS, "hana", "admin", "manager", "alice")) {
            int expected = switch (who) {
                case ANONYMOUS -> 401;
                case "alice" -> method.equals("DELETE") ? 204 : 200;
                default -> 404;
            };
            RequestSpecification request = as(who).contentType(ContentType.JSON).body(Map.of("title", "Renamed"));
            request.request(method, path).then().statusCode(expected);
        }
    }

    private static void expect(String who, String path, int status) {
        as(who).get(path).then().statusCode(status);
    }

    private static RequestSpecification as(String who) {
        RequestSpecification request = given().redirects().follow(false);
        return who.equals(ANONYMOUS) ? request : request.auth().oauth2(Tokens.of(who));
    }
}
