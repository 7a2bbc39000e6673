package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.llm.LocalModelProfile;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Operations endpoints refuse windows they cannot chart with a message, never a stack trace. */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class OperationsApiTest {

    @Inject
    Jdbc jdbc;

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

    @Test
    void conciseSavingsCompareAModelsConciseAnswersWithItsFullLengthOnes() {
        String model = "concise-" + UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        jdbc.update("INSERT INTO conversations (id, owner, title) VALUES (?, 'ops-test', 'synthetic')", conversation);
        // Three full-length answers of 300 output tokens at $0.003, two concise ones of 100 at $0.001.
        for (int i = 0; i < 5; i++) {
            boolean concise = i >= 3;
            observe(conversation, model, "answered", concise ? 100 : 300, concise ? 0.001 : 0.003, concise);
        }
        // A concise answer that was stopped went out only in part: not counted.
        observe(conversation, model, "stopped", 5, 0.00001, true);

        Map<String, Object> row = given()
                .auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/usage?window=24h")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Object>>getList("concise")
                .stream()
                .filter(r -> model.equals(r.get("model")))
                .findFirst()
                .orElseThrow();
        assertEquals(2, ((Number) row.get("conciseAnswers")).intValue());
        assertEquals(3, ((Number) row.get("fullAnswers")).intValue());
        assertEquals(100.0, ((Number) row.get("conciseTokensOutMean")).doubleValue(), 1e-9);
        assertEquals(300.0, ((Number) row.get("fullTokensOutMean")).doubleValue(), 1e-9);
        assertEquals(400.0, ((Number) row.get("tokensSaved")).doubleValue(), 1e-9);
        assertEquals(0.004, ((Number) row.get("costSavedUsd")).doubleValue(), 1e-9);
        jdbc.update("DELETE FROM conversations WHERE id = ?", conversation);
    }

    /** One recorded cloud answer of {@code model} with its observation. */
    private void observe(UUID conversation, String model, String outcome, int tokensOut, double cost, boolean concise) {
        UUID message = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered,
                                      provider, model, total_ms)
                VALUES (?, ?, 'ops-test', 'q', 'q', 'a', true, 'cloud', ?, 100)
                """, message, conversation, model);
        jdbc.update("""
                INSERT INTO answer_observations (message_id, outcome, provider, model, prompt_version,
                                                 prompt_tokens, completion_tokens, cost_usd, concise)
                VALUES (?, ?, 'cloud', ?, 'synthetic', 500, ?, ?, ?)
                """, message, outcome, model, tokensOut, cost, concise);
    }
}
