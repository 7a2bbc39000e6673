package dev.docent.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/**
 * Accounts made for one test through the test Keycloak's admin API (the demo master admin of keycloak/keycloak.sh):
 * created with the {@code user} role, renamed, deleted; tokens for them by their own password.
 */
public final class KeycloakUsers {

    private KeycloakUsers() {}

    /** Creates an enabled account with the realm role {@code user} and password {@code password}; returns its id. */
    public static String create(String username, String password) {
        String admin = adminToken();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@docent.example",
                        "emailVerified",
                        true,
                        "firstName",
                        "Test",
                        "lastName",
                        "Account",
                        "credentials",
                        List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post(admin() + "/users")
                .then()
                .statusCode(201);
        String id = given().auth()
                .oauth2(admin)
                .queryParam("username", username)
                .queryParam("exact", true)
                .get(admin() + "/users")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        Map<String, Object> role = given().auth()
                .oauth2(admin)
                .get(admin() + "/roles/user")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(List.of(role))
                .post(admin() + "/users/" + id + "/role-mappings/realm")
                .then()
                .statusCode(204);
        return id;
    }

    /** Gives the account a new user name (the realm allows it for the moment it takes). */
    public static void rename(String id, String newName) {
        String admin = adminToken();
        editUsernames(admin, true);
        try {
            Map<String, Object> user = given().auth()
                    .oauth2(admin)
                    .get(admin() + "/users/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("");
            user.put("username", newName);
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(user)
                    .put(admin() + "/users/" + id)
                    .then()
                    .statusCode(204);
        } finally {
            editUsernames(admin, false);
        }
    }

    public static void delete(String id) {
        given().auth()
                .oauth2(adminToken())
                .delete(admin() + "/users/" + id)
                .then()
                .statusCode(204);
    }

    /** An access token through the public {@code docent-cli} client (not cached: names here change hands). */
    public static String token(String username, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "docent-cli")
                .formParam("username", username)
                .formParam("password", password)
                .post(Tokens.realmUrl() + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static void editUsernames(String admin, boolean allowed) {
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("editUsernameAllowed", allowed))
                .put(admin())
                .then()
                .statusCode(204);
    }

    private static String admin() {
        return Tokens.realmUrl().replace("/realms/", "/admin/realms/");
    }

    /** A token of the test Keycloak's demo master admin (keycloak/keycloak.sh), for its admin API. */
    public static String adminToken() {
        String master = Tokens.realmUrl().replaceAll("/realms/.*$", "/realms/master");
        return given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .post(master + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
