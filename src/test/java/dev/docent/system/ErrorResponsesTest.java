package dev.docent.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken and hostile requests get a problem document a user can act on, never a stack trace or an empty body. */
@QuarkusTest
class ErrorResponsesTest {

    @Test
    void anonymousApiCallsAreToldHowToSignIn() {
        given().get("/api/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-a-jwt",
                "a.b.c",
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJlYWxtX2FjY2VzcyI6eyJyb2xlcyI6WyJhZG1pbiJdfX0.",
                "' OR 1=1 --"
            })
    void forgedOrMalformedTokensAreRefusedWithAProblem(String token) {
        given().header("Authorization", "Bearer " + token)
                .get("/api/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("get a new one"))
                .body(not(containsString("Exception")));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = Tokens.of("alice").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"user\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        given().auth().oauth2(forged).get("/documents").then().statusCode(401);
    }

    @Test
    void unknownApiPathsAnswerANotFoundProblem() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/does-not-exist")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/does-not-exist"));
    }

    @Test
    void aWrongMethodIsExplained() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .delete("/api/me")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("detail", containsString("does not accept that method"));
    }

    @Test
    void aWrongRoleOnTheApiIsAForbiddenProblem() {
        given().auth().oauth2(Tokens.of("alice")).get("/q/metrics").then().statusCode(403);
    }

    @Test
    void aWrongRoleOnAPageShowsAReadablePage() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/documents")
                .then()
                .statusCode(403)
                .contentType("text/html")
                .body(containsString("does not have the role"));
    }

    @Test
    void anUnknownPageIsAReadableNotFoundPage() {
        given().get("/no-such-page")
                .then()
                .statusCode(404)
                .contentType("text/html")
                .body(containsString("Nothing here"))
                .body(not(containsString("Exception")));
    }

    @Test
    void pagesCarryBrowserHardeningHeaders() {
        given().get("/signed-out")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
