package dev.docent.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The example set shipped in {@code evals/} imports cleanly and measures Docent's own user guide sensibly: the set a
 * new deployment starts its {@code make eval} gate with.
 */
@QuarkusTest
class UserGuideSetTest {

    private static final Logger LOG = Logger.getLogger(UserGuideSetTest.class);

    @Test
    void theUserGuideSetFindsItsDocumentsAndLeavesTheMadeUpQuestionsUnanswered() throws IOException {
        for (String file : java.util.List.of("getting-started.md", "administration.html", "faq.txt")) {
            try (InputStream in = getClass().getResourceAsStream("/user-guide/" + file)) {
                Documents.ingest(file, in.readAllBytes());
            }
        }
        String body = Files.readString(Path.of("evals/user-guide.jsonl"), StandardCharsets.UTF_8);
        String set = EvalApiTest.as("manager")
                .contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/eval/sets/import?format=jsonl&name=user guide")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String run = EvalApiTest.startRun(set, Map.of("provider", "extractive"));
        Map<String, Object> metrics = EvalApiTest.map(EvalApiTest.awaitDone(run).get("metrics"));
        LOG.infof("evals/user-guide.jsonl, extractive: %s", metrics);
        assertEquals(14, ((Number) metrics.get("items")).intValue());
        assertTrue(EvalApiTest.number(metrics.get("hitAt5")) >= 0.8, metrics.toString());
        assertTrue(EvalApiTest.number(metrics.get("unansweredRecall")) >= 0.66, metrics.toString());
        EvalApiTest.as("manager").delete("/api/eval/sets/" + set).then().statusCode(204);
    }
}
