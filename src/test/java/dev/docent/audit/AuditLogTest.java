package dev.docent.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each audited action leaves an entry admins can read and export; nobody can change or delete entries. */
@QuarkusTest
class AuditLogTest {

    @Inject
    Jdbc jdbc;

    @Test
    void everyAuditedActionIsRecordedWithItsActor() {
        String tag = Tags.random();
        String collection = "audited-" + tag;
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", collection))
                .post("/api/collections")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("groups", List.of("hr")))
                .put("/api/collections/" + collection)
                .then()
                .statusCode(200);
        String document = Documents.upload("audited-" + tag + ".md", Documents.markdown("audit"), collection)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/documents/" + document)
                .then()
                .statusCode(204);
        given().auth().oauth2(Tokens.of("hana")).get("/api/me/export").then().statusCode(200);
        given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/privacy/users/gone-" + tag)
                .then()
                .statusCode(200);

        String log = given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/audit/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String expected : List.of(
                "\"actor\":\"admin\",\"action\":\"collection.created\",\"target\":\"" + collection + "\"",
                "\"actor\":\"admin\",\"action\":\"collection.changed\",\"target\":\"" + collection + "\"",
                "\"actor\":\"admin\",\"action\":\"document.uploaded\",\"target\":\"" + document + "\"",
                "\"actor\":\"admin\",\"action\":\"document.deleted\",\"target\":\"" + document + "\"",
                "\"actor\":\"hana\",\"action\":\"personal-data.exported\"",
                "\"actor\":\"admin\",\"action\":\"personal-data.erased\",\"target\":\"gone-" + tag + "\"")) {
            assertTrue(log.contains(expected), expected + " in " + log.substring(0, Math.min(log.length(), 2000)));
        }
    }

    @Test
    void theLogIsAppendOnlyForTheApplicationsOwnDatabaseRole() {
        jdbc.update("INSERT INTO audit_log (actor, action) VALUES ('test', 'test.entry')");
        assertThrows(RuntimeException.class, () -> jdbc.update("UPDATE audit_log SET actor = 'someone else'"));
        assertThrows(RuntimeException.class, () -> jdbc.update("DELETE FROM audit_log"));
        assertThrows(RuntimeException.class, () -> jdbc.update("TRUNCATE audit_log"));
    }
}
