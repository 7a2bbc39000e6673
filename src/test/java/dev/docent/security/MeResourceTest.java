package dev.docent.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MeResourceTest {

    @Test
    void aUserSeesTheirNameRolesAndGroups() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("alice"))
                .body("roles", contains("user"))
                .body("groups", contains("engineering"));
    }

    @Test
    void groupsFollowKeycloakMembership() {
        given().auth().oauth2(Tokens.of("hana")).get("/api/me").then().body("groups", contains("hr"));
    }

    @Test
    void anAdminHasBothRolesAndNoGroup() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("roles", containsInAnyOrder("user", "admin"))
                .body("groups", empty());
    }

    @Test
    void aKnowledgeManagerHasTheirRole() {
        given().auth()
                .oauth2(Tokens.of("manager"))
                .get("/api/me")
                .then()
                .body("roles", containsInAnyOrder("user", "knowledge-manager"));
    }
}
