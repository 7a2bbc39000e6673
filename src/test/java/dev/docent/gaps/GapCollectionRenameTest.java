package dev.docent.gaps;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.system.Jdbc;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** After an admin renames a collection, the gap reports name the new collection, and filter by it. */
@QuarkusTest
class GapCollectionRenameTest {

    @Inject
    Jdbc jdbc;

    @Inject
    GapRecorder recorder;

    @Test
    void gapQuestionsFollowARenamedCollection() {
        String tag = Tags.random();
        String from = "before-" + tag;
        String to = "after-" + tag;
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", from))
                .post("/api/collections")
                .then()
                .statusCode(201);
        GapQuestion q = GapFixtures.unanswered(
                jdbc, "alice", Set.of(), "Where do the " + tag + " archive boxes go after the move?");
        recorder.record(q);
        // As recorded for a question whose closest passages were in that collection.
        jdbc.update("UPDATE gap_questions SET collections = ARRAY[?] WHERE message_id = ?", from, q.messageId());
        long cluster = jdbc.one(
                        "SELECT cluster_id FROM gap_questions WHERE message_id = ?",
                        row -> row.getLong(1),
                        q.messageId())
                .orElseThrow();

        admin().contentType(ContentType.JSON)
                .body(Map.of("name", to))
                .put("/api/collections/" + from)
                .then()
                .statusCode(200)
                .body("name", equalTo(to));

        assertEquals(
                List.of(to),
                jdbc.one(
                                "SELECT collections FROM gap_questions WHERE message_id = ?",
                                row -> Jdbc.strings(row, "collections"),
                                q.messageId())
                        .orElseThrow());
        manager().get("/api/gaps/" + cluster).then().statusCode(200).body("collections", equalTo(List.of(to)));
        manager().get("/api/gaps?collection=" + to).then().statusCode(200).body("id", hasItem((int) cluster));
        manager().get("/api/gaps?collection=" + from).then().statusCode(200).body("id", not(hasItem((int) cluster)));

        jdbc.update("DELETE FROM gap_clusters WHERE id = ?", cluster);
        admin().delete("/api/collections/" + to + "?confirm=" + to).then().statusCode(204);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Tokens.of("admin"));
    }

    private static io.restassured.specification.RequestSpecification manager() {
        return given().auth().oauth2(Tokens.of("manager"));
    }
}
