package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue an admin can see and steer: places and estimates, pause and resume, cancel, a re-index that jumps ahead. */
@QuarkusTest
class DocumentQueueTest {

    static final Duration INGEST = Duration.ofSeconds(120);

    @AfterEach
    void resume() {
        post("/api/documents/queue/resume").then().statusCode(200).body("paused", equalTo(false));
    }

    @Test
    void queuedDocumentsShowTheirPlaceAndAnEstimateAndAnAdminsReindexGoesFirst() {
        String earlier = Documents.ingest("earlier-" + tag() + ".md", Documents.markdown("Earlier " + tag()));
        post("/api/documents/queue/pause").then().statusCode(200).body("paused", equalTo(true));

        List<String> uploads = List.of(upload("first"), upload("second"), upload("third"));
        List<Integer> places = uploads.stream().map(id -> place(id).position()).toList();
        assertTrue(
                places.get(0) < places.get(1) && places.get(1) < places.get(2), "first come, first served: " + places);
        Map<String, Object> queued = Documents.get(uploads.getFirst());
        assertEquals("queued", queued.get("status"));
        assertEquals(true, ((Map<?, ?>) queued.get("queue")).get("paused"), "the page can say why nothing moves");

        post("/api/documents/" + earlier + "/reindex").then().statusCode(202);
        Place reindexed = place(earlier);
        assertEquals(1, reindexed.position(), "an admin's re-index goes ahead of every upload");
        assertTrue(reindexed.priority());
        assertTrue(place(uploads.getFirst()).position() > 1);

        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/queue")
                .then()
                .statusCode(200)
                .body("paused", equalTo(true))
                .body("waiting", org.hamcrest.Matchers.greaterThanOrEqualTo(4));

        post("/api/documents/" + uploads.get(1) + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("Cancelled"));
        post("/api/documents/" + earlier + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("ready"))
                .body("chunks", org.hamcrest.Matchers.greaterThan(0));

        resume();
        for (String id : List.of(uploads.get(0), uploads.get(2))) {
            assertEquals("ready", Documents.awaitFinal(id, INGEST).get("status"));
        }
        assertEquals("failed", Documents.get(uploads.get(1)).get("status"), "a cancelled document stays out");
    }

    @Test
    void theEstimateComesFromMeasuredThroughput() {
        Documents.ingest("measured-" + tag() + ".md", Documents.markdown("Measured " + tag()));
        post("/api/documents/queue/pause").then().statusCode(200);
        String a = upload("a");
        String b = upload("b");
        Place first = place(a);
        Place second = place(b);
        assertNotNull(first.waitSeconds(), "a document was ingested, so the pace is known");
        assertTrue(second.waitSeconds() >= first.waitSeconds(), "later in the queue, longer to wait");
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/queue")
                .then()
                .body("documentsPerMinute", org.hamcrest.Matchers.greaterThan(0f));
    }

    @Test
    void onlyQueuedDocumentsCanBeCancelled() {
        String ready = Documents.ingest("done-" + tag() + ".md", Documents.markdown("Done " + tag()));
        post("/api/documents/" + ready + "/cancel")
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("only queued documents"));
        post("/api/documents/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/api/documents/queue/pause")
                .then()
                .statusCode(403);
    }

    private record Place(int position, Long waitSeconds, boolean priority) {}

    private static Place place(String id) {
        Map<?, ?> queue = (Map<?, ?>) Documents.get(id).get("queue");
        assertNotNull(queue, "a queued document has a place in the queue");
        Number wait = (Number) queue.get("waitSeconds");
        return new Place(
                ((Number) queue.get("position")).intValue(),
                wait == null ? null : wait.longValue(),
                Boolean.TRUE.equals(queue.get("priority")));
    }

    private static String upload(String name) {
        return Documents.upload(name + "-" + tag() + ".md", Documents.markdown(name + " " + tag()), null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static io.restassured.response.Response post(String path) {
        return given().auth().oauth2(Tokens.of("admin")).post(path);
    }

    private static String tag() {
        return Tags.random();
    }
}
