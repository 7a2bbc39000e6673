package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.docent.llm.LocalModelProfile;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Operations endpoints refuse windows they cannot chart with a message, never a stack trace. */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class OperationsApiTest {

    @Test
    void aBrokenWindowOrBucketIsRefusedWithAMessage() {
        for (String query : List.of(
                "window=abc",
                "window=0h",
                "window=91d",
                "window=-1d",
                "window=24",
                "window=" + "9".repeat(40) + "d",
                "window=%00",
                "bucket=minute",
                "window=30d&bucket=hour",
                "bucket=%3Cscript%3E")) {
            for (String endpoint : List.of("answers", "usage", "ingestion", "resources")) {
                given().auth()
                        .oauth2(Tokens.of("admin"))
                        .get("/api/monitoring/operations/" + endpoint + "?" + query)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("detail", containsString("'"))
                        .body(not(containsString("Exception")))
                        .body(not(containsString("<script>")));
            }
        }
    }

    @Test
    void aValidWindowAnswersWithItsBuckets() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/answers?window=7d")
                .then()
                .statusCode(200)
                .body("window.bucket", org.hamcrest.Matchers.equalTo("day"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/storage")
                .then()
                .statusCode(200)
                .body("databaseBytes", org.hamcrest.Matchers.greaterThan(0));
    }
}
