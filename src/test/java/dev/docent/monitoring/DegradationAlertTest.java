package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.docent.llm.LocalModelProfile;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A synthetic degradation (answers switch from cited to uncited) raises exactly one alert, with its evidence, a
 * metric and a webhook call; when answers are cited again the alert clears itself, and the webhook hears that too.
 * The answers are recorded a year ahead, so the real answers of other tests stay out of the windows.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class DegradationAlertTest {

    static final String OWNER = "synthetic-" + Tags.random();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    DegradationWatch watch;

    @Inject
    Jdbc jdbc;

    @Test
    void answersThatStopCitingRaiseOneAlertThatClearsWhenTheyCiteAgain() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            Instant t0 = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
            DegradationWatch.Settings settings = new DegradationWatch.Settings(
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    30,
                    3.0,
                    1.5,
                    Optional.of(
                            URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")));

            record(t0.minus(Duration.ofHours(5)), 60, false); // baseline: every answer cited
            record(t0.minus(Duration.ofMinutes(30)), 40, true); // recent: none cited
            watch.run(t0, settings);
            watch.run(t0.plus(Duration.ofMinutes(5)), settings); // still degraded: no second alert

            List<Alert> raised = alertsSince(t0);
            assertEquals(1, raised.size(), "exactly one alert: " + raised);
            Alert alert = raised.getFirst();
            assertEquals("citation_warnings", alert.check());
            assertNull(alert.clearedAt());
            assertTrue(alert.evidence().get("test").toString().contains("two-proportion z-test"));
            assertTrue(
                    ((Number) alert.evidence().get("z")).doubleValue() >= 3.0,
                    alert.evidence().toString());
            assertEquals(1, received.size(), "one webhook call: " + received);
            assertEquals("raised", received.getFirst().path("status").asText());
            assertEquals("citation_warnings", received.getFirst().path("check").asText());
            assertEquals(
                    1.0,
                    received.getFirst()
                            .path("evidence")
                            .path("recent")
                            .path("value")
                            .asDouble());
            assertEquals(
                    1.0,
                    PrometheusText.scrape()
                            .sum("docent_alerts_active", java.util.Map.of("check", "citation_warnings")));
            List<String> shown = given().auth()
                    .oauth2(Tokens.of("admin"))
                    .get("/api/monitoring/alerts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("check");
            assertTrue(shown.contains("citation_warnings"));

            Instant later = t0.plus(Duration.ofHours(2));
            record(later.minus(Duration.ofMinutes(20)), 40, false); // cited again
            watch.run(later, settings);
            Alert cleared = alertsSince(t0).getFirst();
            assertEquals(later, cleared.clearedAt(), "the alert cleared itself");
            assertEquals(2, received.size());
            assertEquals("cleared", received.get(1).path("status").asText());
            assertEquals(
                    0.0,
                    PrometheusText.scrape()
                            .sum("docent_alerts_active", java.util.Map.of("check", "citation_warnings")));
            assertEquals(1, alertsSince(t0).size(), "still one alert, now cleared");
        } finally {
            hook.stop(0);
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
                .getList("", java.util.Map.class)
                .stream()
                .map(m -> JSON.convertValue(m, Alert.class))
                .filter(a -> !a.raisedAt().isBefore(t))
                .toList();
    }

    /** {@code n} recorded model answers at {@code at}, uncited (a citation warning) or cited and grounded. */
    private void record(Instant at, int n, boolean uncited) {
        UUID conversation = UUID.randomUUID();
        jdbc.update("INSERT INTO conversations (id, owner, title) VALUES (?, ?, 'synthetic')", conversation, OWNER);
        for (int i = 0; i < n; i++) {
            UUID message = UUID.randomUUID();
            Instant when = at.plusSeconds(i);
            jdbc.update("""
                    INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered,
                                          provider, model, total_ms, created_at)
                    VALUES (?, ?, ?, 'q', 'q', 'a', true, 'local', 'stub-llama', 100, ?)
                    """, message, conversation, OWNER, when);
            jdbc.update("""
                    INSERT INTO answer_observations (message_id, observed_at, outcome, provider, model, prompt_version,
                                                     first_token_ms, total_ms, citation_warning)
                    VALUES (?, ?, 'answered', 'local', 'stub-llama', 'synthetic', 50, 100, ?)
                    """, message, when, uncited);
        }
    }
}
