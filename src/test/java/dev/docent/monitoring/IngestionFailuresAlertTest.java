package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.LocalModelProfile;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Ingestion failures as a degradation: a failed upload is kept as an ingestion observation; when most recent uploads
 * fail against a baseline where they succeeded, exactly one alert is raised with the failure reasons as evidence, and
 * it clears when uploads succeed again. The synthetic attempts are dated 500 days ahead, away from other tests'.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class IngestionFailuresAlertTest {

    @Inject
    DegradationWatch watch;

    @Inject
    Jdbc jdbc;

    @Test
    void aFailedUploadIsObservedAndShowsOnTheOperationsEndpoint() {
        long before = failedToday();
        String tag = Tags.random();
        String id = Documents.ingest("blank-" + tag + ".md", " \n".getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", Documents.get(id).get("status"));
        Poll.until(
                () -> failedToday() > before ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(10),
                () -> "the failed attempt on /api/monitoring/operations/ingestion");
    }

    @Test
    void uploadsThatStartFailingRaiseOneAlertThatClearsWhenTheySucceedAgain() {
        Instant t0 = Instant.now().plus(Duration.ofDays(500)).truncatedTo(ChronoUnit.SECONDS);
        DegradationWatch.Settings settings =
                new DegradationWatch.Settings(Duration.ofHours(1), Duration.ofDays(1), 30, 3.0, 1.5, Optional.empty());

        attempts(t0.minus(Duration.ofHours(6)), 60, 0, null); // baseline: every upload ingested
        attempts(t0.minus(Duration.ofMinutes(40)), 10, 30, "unsupported_type"); // recent: most fail
        watch.run(t0, settings);
        watch.run(t0.plus(Duration.ofMinutes(5)), settings); // still failing: no second alert

        List<Alert> raised = alertsSince(t0);
        assertEquals(1, raised.size(), "exactly one alert: " + raised);
        Alert alert = raised.getFirst();
        assertEquals("ingestion_failures", alert.check());
        assertNull(alert.clearedAt());
        assertTrue(
                ((Number) alert.evidence().get("z")).doubleValue() >= 3.0,
                alert.evidence().toString());
        assertEquals(Map.of("unsupported_type", 30), alert.evidence().get("reasons"));
        assertEquals(1.0, PrometheusText.scrape().sum("docent_alerts_active", Map.of("check", "ingestion_failures")));

        Instant later = t0.plus(Duration.ofHours(3));
        attempts(later.minus(Duration.ofMinutes(30)), 40, 0, null); // ingesting again
        watch.run(later, settings);
        List<Alert> after = alertsSince(t0);
        assertEquals(1, after.size(), "still one alert: " + after);
        assertEquals(later, after.getFirst().clearedAt(), "the alert cleared itself");
        assertEquals(0.0, PrometheusText.scrape().sum("docent_alerts_active", Map.of("check", "ingestion_failures")));
    }

    private long failedToday() {
        List<Integer> failed = given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/ingestion?window=24h")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("buckets.failed", Integer.class);
        return failed.stream().mapToLong(Integer::longValue).sum();
    }

    private void attempts(Instant at, int ready, int failed, String reason) {
        for (int i = 0; i < ready + failed; i++) {
            boolean ok = i < ready;
            jdbc.update(
                    "INSERT INTO ingestion_observations (observed_at, ready, failure, chunks) VALUES (?, ?, ?, ?)",
                    at.plusSeconds(i),
                    ok,
                    ok ? null : reason,
                    ok ? 3 : 0);
        }
    }

    private List<Alert> alertsSince(Instant t) {
        return given()
                .auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("", Map.class)
                .stream()
                .map(m -> DegradationAlertTest.JSON.convertValue(m, Alert.class))
                .filter(a -> !a.raisedAt().isBefore(t))
                .toList();
    }
}
