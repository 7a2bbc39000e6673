package dev.docent.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hybrid search over the real database: relevant passages first, and never a passage the caller may not read. */
@QuarkusTest
class SearchTest {

    static final String TAG = Tags.random();
    static final String HR = "hr-search-" + TAG;
    static String openId;
    static String secretId;

    /** Once per class, but not in @BeforeAll: RestAssured points at the test application only per test. */
    @BeforeEach
    void knowledgeBase() {
        if (openId != null) {
            return;
        }
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", HR, "groups", List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        openId = Documents.ingest("kitchen-" + TAG + ".md", text("""
                # Office kitchen %s

                The espresso machine on the third floor is descaled every Friday by the facilities team.
                Please label food in the fridge with your name; unlabelled food is thrown away on Mondays.
                """));
        secretId = Documents.upload("salaries-" + TAG + ".md", text("""
                # Salary bands %s

                The zanzibarite salary band for senior engineers starts at 91,000 euros a year.
                Salary reviews happen every April and are approved by the HR director.
                """), HR)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(secretId, Duration.ofSeconds(120));
    }

    @Test
    void theRelevantPassageComesFirst() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "when is the espresso machine descaled " + TAG)
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("[0].documentId", equalTo(openId))
                .body("[0].title", containsString("Office kitchen"))
                .body("[0].headingPath", hasItem(containsString("Office kitchen")))
                .body("[0].snippet", containsString("espresso"));
    }

    @Test
    void aRestrictedCollectionIsSearchedOnlyForItsGroup() {
        given().auth()
                .oauth2(Tokens.of("hana"))
                .queryParam("q", "zanzibarite salary band")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("documentId", hasItem(secretId));
        for (String outsider : List.of("alice", "admin")) {
            given().auth()
                    .oauth2(Tokens.of(outsider))
                    .queryParam("q", "zanzibarite salary band")
                    .queryParam("k", 50)
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .body("documentId", not(hasItem(secretId)))
                    .body("snippet", everyItem(not(containsString("zanzibarite"))));
        }
    }

    @Test
    void theCallerGetsKPassages() {
        List<?> hits = given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "salary")
                .queryParam("k", 2)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        assertEquals(2, hits.size(), "k passages from what alice may read");
    }

    @Test
    void badQueriesAreExplained() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'q' parameter is empty"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "x".repeat(4001))
                .get("/api/search")
                .then()
                .statusCode(400)
                .body("detail", containsString("limit is 4000"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "salary")
                .queryParam("k", 0)
                .get("/api/search")
                .then()
                .statusCode(400)
                .body("detail", containsString("k must be between"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "') OR 1=1; DROP TABLE chunks; --")
                .get("/api/search")
                .then()
                .statusCode(200);
        given().queryParam("q", "salary").get("/api/search").then().statusCode(401);
    }

    private static byte[] text(String template) {
        return template.formatted(TAG).getBytes(StandardCharsets.UTF_8);
    }
}
