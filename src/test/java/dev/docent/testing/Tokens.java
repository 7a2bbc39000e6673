package dev.docent.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/** Access tokens for the demo users, from the real Keycloak through the public {@code docent-cli} client. */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** A fresh-enough access token for a demo user (password = user name). */
    public static String of(String username) {
        return CACHE.computeIfAbsent(username, Tokens::fetch);
    }

    /** The realm's base URL, as the application under test is configured. */
    public static String realmUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private static String fetch(String username) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "docent-cli")
                .formParam("username", username)
                .formParam("password", username)
                .post(realmUrl() + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
