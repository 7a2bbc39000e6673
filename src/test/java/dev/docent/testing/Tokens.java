package dev.docent.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/** Access tokens for the demo users, from the real Keycloak through the public {@code docent-cli} client. */
public final class Tokens {

    /** Keycloak's access tokens live 5 minutes; refetch well before. */
    private static final long MAX_AGE_MS = 120_000;

    private record Cached(String token, long fetchedAt) {}

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** A fresh-enough access token for a demo user (password = user name). */
    public static String of(String username) {
        Cached cached = CACHE.compute(
                username,
                (user, old) -> old != null && System.currentTimeMillis() - old.fetchedAt() < MAX_AGE_MS
                        ? old
                        : new Cached(fetch(user), System.currentTimeMillis()));
        return cached.token();
    }

    /** The realm's base URL, as the application under test is configured. */
    public static String realmUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private static String fetch(String username) {
        return fetch(realmUrl(), username);
    }

    /** A new access token for a demo user of the realm at {@code realmUrl} (outside a Quarkus test, e.g. a benchmark). */
    public static String fetch(String realmUrl, String username) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "docent-cli")
                .formParam("username", username)
                .formParam("password", username)
                .post(realmUrl + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
