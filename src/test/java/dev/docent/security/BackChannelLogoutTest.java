package dev.docent.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.docent.testing.Browser;
import dev.docent.testing.KeycloakUsers;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When Keycloak ends a user's sessions (an admin signs them out, as when disabling an account), Keycloak tells Docent
 * over the back channel and the browser's Docent session ends at once, not when its tokens expire.
 */
@QuarkusTest
class BackChannelLogoutTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAdminSigningAUserOutAtKeycloakEndsTheirDocentSession() {
        pointBackChannelAt(app + "back-channel-logout");
        Page page = browser.newPage();
        page.navigate(app + "chat");
        Browser.signIn(page, "alice");
        page.waitForURL(Pattern.compile(Pattern.quote(app.toString()) + "chat$"));
        assertEquals(200, page.request().get(app + "api/me").status(), "signed in");

        String admin = KeycloakUsers.adminToken();
        String userId = given().auth()
                .oauth2(admin)
                .queryParam("username", "alice")
                .queryParam("exact", true)
                .get(Tokens.realmUrl().replace("/realms/", "/admin/realms/") + "/users")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        given().auth()
                .oauth2(admin)
                .post(Tokens.realmUrl().replace("/realms/", "/admin/realms/") + "/users/" + userId + "/logout")
                .then()
                .statusCode(204);

        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            status = page.request().get(app + "api/me").status();
        } while (status == 200 && System.nanoTime() < deadline);
        assertEquals(401, status, "the Docent session ended with the Keycloak one");
    }

    @AfterEach
    void restoreRealm() {
        pointBackChannelAt("http://localhost:8080/back-channel-logout");
    }

    /** The demo realm names make run's address; the test instance listens elsewhere. */
    private static void pointBackChannelAt(String url) {
        String admin = KeycloakUsers.adminToken();
        String clients = Tokens.realmUrl().replace("/realms/", "/admin/realms/") + "/clients";
        String id = given().auth()
                .oauth2(admin)
                .queryParam("clientId", "docent")
                .get(clients)
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        Map<String, Object> client = given().auth()
                .oauth2(admin)
                .get(clients + "/" + id)
                .then()
                .extract()
                .jsonPath()
                .getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) client.get("attributes");
        attributes.put("backchannel.logout.url", url);
        // Keycloak uses the back channel only for clients without front-channel logout.
        client.put("frontchannelLogout", false);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(client)
                .put(clients + "/" + id)
                .then()
                .statusCode(204);
    }
}
