package dev.docent.collection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admins create collections and decide which Keycloak groups may read them; users only see what is open to them. */
@QuarkusTest
class CollectionResourceTest {

    @Test
    void anAdminCreatesARestrictedCollectionThatOnlyItsGroupSees() {
        String name = unique("hr");
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "groups", List.of("hr"), "localOnly", true))
                .post("/api/collections")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("groups", equalTo(List.of("hr")))
                .body("localOnly", equalTo(true));
        given().auth().oauth2(Tokens.of("hana")).get("/api/collections").then().body("name", hasItem(name));
        given().auth().oauth2(Tokens.of("alice")).get("/api/collections").then().body("name", not(hasItem(name)));
        given().auth().oauth2(Tokens.of("admin")).get("/api/collections").then().body("name", hasItem(name));
    }

    @Test
    void groupsCanBeChangedLater() {
        String name = unique("eng");
        create(name, List.of());
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("groups", List.of("/engineering")))
                .put("/api/collections/" + name)
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of("engineering")));
        given().auth().oauth2(Tokens.of("hana")).get("/api/collections").then().body("name", not(hasItem(name)));
    }

    @Test
    void aDuplicateNameIsAConflict() {
        String name = unique("dup");
        create(name, List.of());
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/collections")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("exists already"));
    }

    @Test
    void badNamesAndGroupsAreExplained() {
        for (String bad : List.of("", "Has Spaces", "../etc", "x".repeat(64), "<script>")) {
            given().auth()
                    .oauth2(Tokens.of("admin"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", bad))
                    .post("/api/collections")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("lower-case letters"));
        }
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", unique("g"), "groups", List.of("hr'; DROP TABLE collections; --")))
                .post("/api/collections")
                .then()
                .statusCode(400)
                .body("detail", containsString("not a Keycloak group name"));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post("/api/collections")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not the JSON this endpoint expects"));
    }

    @Test
    void onlyAdminsCreateCollections() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", unique("nope")))
                .post("/api/collections")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of("manager"))
                .get("/api/collections")
                .then()
                .statusCode(200);
    }

    private static void create(String name, List<String> groups) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "groups", groups))
                .post("/api/collections")
                .then()
                .statusCode(201);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
