package dev.docent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.answering.AnswerThresholds;
import dev.docent.ingestion.DocumentEvents;
import dev.docent.ingestion.DocumentView;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What another instance on the same database announces reaches this one: a document's new status reaches the live
 * documents page here, and a threshold stored there is used here at the next answer, not after the cache's seconds.
 * "Another instance" is a NOTIFY sent by a session of the test's own, in the form every instance sends.
 */
@QuarkusTest
class FleetEventsTest {

    @Inject
    DocumentEvents events;

    @Inject
    AnswerThresholds thresholds;

    @Inject
    Jdbc jdbc;

    @Test
    void aStatusChangeAnnouncedByAnotherInstanceReachesThePageConnectedHere() {
        String id = Documents.ingest("fleet-events-" + UUID.randomUUID() + ".md", Documents.markdown("Fleet events"));
        AssertSubscriber<DocumentView> page =
                events.stream().subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        notifyAsAnotherInstance("docent_documents", id + " ready");

        DocumentView seen = Poll.until(
                () -> page.getItems().stream()
                        .filter(d -> d.id().toString().equals(id))
                        .findFirst(),
                Duration.ofSeconds(10),
                () -> "the page here never heard of " + id);
        assertEquals("ready", seen.status(), "re-read from the database");
        page.cancel();
    }

    @Test
    void aThresholdStoredByAnotherInstanceIsUsedHereAtOnce() {
        double before = thresholds.minSimilarity();
        String by = "fleet-test-" + UUID.randomUUID();
        double stored = before == 0.91 ? 0.92 : 0.91;
        try {
            jdbc.update(
                    "INSERT INTO answer_threshold_overrides (name, value, set_by) VALUES (?, ?, ?)",
                    AnswerThresholds.MIN_SIMILARITY,
                    stored,
                    by);
            assertEquals(before, thresholds.minSimilarity(), "cached: unchanged until told");
            notifyAsAnotherInstance("docent_settings", "answer-thresholds");
            // Well within the cache's own 10 s: the notification cleared it.
            Poll.until(
                    () -> thresholds.minSimilarity() == stored ? Optional.of(true) : Optional.empty(),
                    Duration.ofSeconds(5),
                    () -> "the stored threshold never reached this instance");
        } finally {
            jdbc.update("DELETE FROM answer_threshold_overrides WHERE set_by = ?", by);
            notifyAsAnotherInstance("docent_settings", "answer-thresholds");
        }
        Poll.until(
                () -> thresholds.minSimilarity() == before ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(5),
                () -> "the earlier threshold never came back");
        assertTrue(before > 0);
    }

    /** What {@link FleetEvents#publish} sends, with an instance name that is not this one's. */
    private void notifyAsAnotherInstance(String channel, String payload) {
        jdbc.one("SELECT pg_notify(?, ?)", row -> 0, channel, "otherins " + payload);
    }
}
