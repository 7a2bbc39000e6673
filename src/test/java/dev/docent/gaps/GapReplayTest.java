package dev.docent.gaps;

import static dev.docent.gaps.GapApiTest.ask;
import static dev.docent.gaps.GapApiTest.awaitGap;
import static dev.docent.gaps.GapApiTest.id;
import static dev.docent.gaps.GapApiTest.label;
import static dev.docent.gaps.GapApiTest.manager;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gaps close themselves: a document that answers an open cluster's questions makes it likely resolved. */
@QuarkusTest
class GapReplayTest {

    @Inject
    GapWorker worker;

    @Inject
    GapConfig config;

    @Inject
    dev.docent.system.Jdbc jdbc;

    @Test
    void aClusterBecomesLikelyResolvedAfterADocumentAnsweringItAndStaysOpenAfterAnUnrelatedOne() {
        String tag = Tags.random();
        worker.awaitIdle(Duration.ofSeconds(60));
        jdbc.update("DELETE FROM gap_clusters WHERE label LIKE '%Kestrelmoor%'");
        ask("alice", "What is the maximum flight altitude for Kestrelmoor drones?")
                .then()
                .body("answered", equalTo(false));
        ask("hana", "How high may a Kestrelmoor drone fly at most?");
        long id = id(awaitGap(g -> label(g).contains("Kestrelmoor") && GapApiTest.count(g) >= 2));

        Documents.ingest("unrelated-" + tag + ".md", Documents.markdown("Unrelated " + tag));
        afterReplay();
        manager().get("/api/gaps/" + id).then().body("status", equalTo("open"));

        Documents.ingest("drones-" + tag + ".md", ("""
                # Kestrelmoor drone rules %s

                ## Flight altitude

                Kestrelmoor drones may fly at most 120 metres above the ground. Flights above the Kestrelmoor
                campus need a permit from the facilities team.
                """).formatted(tag).getBytes(StandardCharsets.UTF_8));
        afterReplay();
        manager()
                .get("/api/gaps/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("likely_resolved"))
                .body("evidence.answer", containsString("120 metres"))
                .body("evidence.sources.title", hasItem(containsString("Kestrelmoor drone rules")))
                .body("evidence.answered", equalTo(2));

        // A manager who is not convinced reopens it; the replay's evidence goes.
        Map<String, Object> reopened = manager()
                .contentType("application/json")
                .body(Map.of("status", "open"))
                .patch("/api/gaps/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        assertEquals("open", reopened.get("status"));
        assertEquals(null, reopened.get("evidence"));
    }

    @Test
    void evidenceFromARestrictedCollectionShowsWhereTheAnswerIsButNotItsContent() {
        String tag = Tags.random();
        worker.awaitIdle(Duration.ofSeconds(60));
        jdbc.update("DELETE FROM gap_clusters WHERE label LIKE '%Marrowgate%'");
        ask("hana", "What is the Marrowgate relocation bonus for hr staff?")
                .then()
                .body("answered", equalTo(false));
        long id = id(awaitGap(g -> label(g).contains("Marrowgate")));
        String hr = "hr-replay-" + tag;
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(dev.docent.testing.Tokens.of("admin"))
                .contentType("application/json")
                .body(Map.of("name", hr, "groups", java.util.List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        String doc = Documents.upload(
                        "marrowgate-" + tag + ".md",
                        ("# Marrowgate relocation " + tag + "\n\nThe Marrowgate relocation bonus for hr staff is"
                                        + " 4,700 euros, paid with the first salary.\n")
                                .getBytes(StandardCharsets.UTF_8),
                        hr)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(doc, Duration.ofSeconds(120));
        afterReplay();
        String evidence = manager()
                .get("/api/gaps/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("likely_resolved"))
                .extract()
                .jsonPath()
                .prettify();
        assertTrue(evidence.contains(hr), "the manager learns where the answer is:\n" + evidence);
        assertFalse(evidence.contains("4,700"), "but not the restricted content:\n" + evidence);
    }

    /** The replay starts after the debounce delay once the document is ready; then wait for the worker. */
    private void afterReplay() {
        GapApiTest.sleep(config.replayDelay().toMillis() + 500);
        worker.awaitIdle(Duration.ofSeconds(60));
    }
}
