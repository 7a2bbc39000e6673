package dev.docent.collection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
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

    @Test
    void aRenamedCollectionKeepsItsDocumentsAndNamesAreCheckedAsOnCreation() {
        String from = unique("old");
        String to = unique("new");
        String taken = unique("taken");
        create(from, List.of());
        create(taken, List.of());
        String id = Documents.upload("rename-me.md", Documents.markdown("Renamed"), from)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        rename(from, to).then().statusCode(200).body("name", equalTo(to));
        assertEquals(to, Documents.get(id).get("collection"), "the document follows its collection");
        admin().get("/api/documents?collection=" + to).then().body("total", equalTo(1));
        rename(from, unique("again")).then().statusCode(404);
        rename(to, taken).then().statusCode(409).body("detail", containsString("exists already"));
        rename(to, "Not A Name!").then().statusCode(400);
        rename("general", unique("gen")).then().statusCode(409).body("detail", containsString("keeps its name"));
        admin().get("/api/collections").then().body("name", hasItem("general")).body("name", hasItem(to));
    }

    @Test
    void deletingACollectionNeedsItsNameRepeatedAndTakesEveryDocumentAlong() {
        String name = unique("gone");
        create(name, List.of());
        String id = Documents.upload("delete-me.md", Documents.markdown("Deleted"), name)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(id, java.time.Duration.ofSeconds(120));

        admin().delete("/api/collections/" + name)
                .then()
                .statusCode(400)
                .body("detail", containsString("repeat its name in 'confirm'"));
        admin().delete("/api/collections/" + name + "?confirm=general").then().statusCode(400);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .delete("/api/collections/" + name + "?confirm=" + name)
                .then()
                .statusCode(403);
        assertEquals("ready", Documents.get(id).get("status"), "nothing was deleted by a refused request");

        admin().delete("/api/collections/" + name + "?confirm=" + name).then().statusCode(204);
        admin().get("/api/documents/" + id).then().statusCode(404);
        admin().get("/api/collections").then().body("name", not(hasItem(name)));
        admin().get("/api/audit").then().statusCode(200).body(containsString(name));
        admin().delete("/api/collections/" + name + "?confirm=" + name).then().statusCode(404);
        admin().delete("/api/collections/general?confirm=general")
                .then()
                .statusCode(409)
                .body("detail", containsString("cannot be deleted"));
    }

    private static io.restassured.response.Response rename(String from, String to) {
        return admin().contentType(ContentType.JSON).body(Map.of("name", to)).put("/api/collections/" + from);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Tokens.of("admin"));
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
        return prefix + "-" + Tags.random();
    }
}
