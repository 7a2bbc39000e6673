package dev.docent.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code flow uses PKCE, cookies are Secure behind a TLS proxy, and groups match on their full path. */
@QuarkusTest
@TestProfile(OidcHardeningTest.BehindProxy.class)
class OidcHardeningTest {

    /** Docent behind a TLS-terminating proxy that sends X-Forwarded-* headers. */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true");
        }
    }

    @Test
    void theCodeFlowSendsAPkceChallenge() {
        given().redirects()
                .follow(false)
                .get("/chat")
                .then()
                .statusCode(302)
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("code_challenge="));
    }

    @Test
    void behindATlsProxyEveryCookieIsSecure() {
        Response response = given().redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "localhost")
                .get("/chat");
        List<String> cookies = response.headers().getValues("Set-Cookie");
        assertFalse(cookies.isEmpty(), "the code flow sets its state cookie");
        for (String cookie : cookies) {
            assertTrue(cookie.contains("Secure"), cookie);
        }
    }

    @Test
    void withoutTheProxyHeadersCookiesStayPlainForLocalHttp() {
        List<String> cookies =
                given().redirects().follow(false).get("/chat").headers().getValues("Set-Cookie");
        assertTrue(cookies.stream().noneMatch(c -> c.contains("Secure")), cookies.toString());
    }

    @Test
    void aMemberOfASubgroupMerelyNamedHrCannotReadTheHrCollection() {
        String name = "hr-only-" + Tags.random();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "groups", List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);

        given().auth()
                .oauth2(Tokens.of("eve"))
                .get("/api/me")
                .then()
                .body("groups", equalTo(List.of("engineering/hr")));
        String eveSees =
                given().auth().oauth2(Tokens.of("eve")).get("/api/collections").asString();
        assertFalse(eveSees.contains(name), "eve is in /engineering/hr, not /hr: " + eveSees);
        String hanaSees =
                given().auth().oauth2(Tokens.of("hana")).get("/api/collections").asString();
        assertTrue(hanaSees.contains(name), "hana is in /hr: " + hanaSees);
    }
}
