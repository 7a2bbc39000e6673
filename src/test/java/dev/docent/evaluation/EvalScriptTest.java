package dev.docent.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make eval}'s script against the running test application: it saves a baseline, then gates a regression. */
@QuarkusTest
class EvalScriptTest {

    @TestHTTPResource("/")
    URL app;

    @TempDir
    Path dir;

    @BeforeEach
    void knowledgeBase() {
        new EvalApiTest().knowledgeBase();
    }

    @Test
    void theFirstRunSavesTheBaselineAndAStricterThresholdFailsTheGate() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String[] f : EvalApiTest.FACTS) {
            lines.add("{\"question\": \"" + f[1] + "\", \"expectedAnswer\": \"" + f[2]
                    + "\", \"expectedDocuments\": [\"" + EvalApiTest.FILE + "\"], \"answerable\": true}");
        }
        lines.add("{\"question\": \"How many moons does the planet Krelvax have?\", \"answerable\": false}");
        Path set = dir.resolve("zelmore.jsonl");
        Files.write(set, lines, StandardCharsets.UTF_8);

        Result first = eval(set, "{\"provider\": \"extractive\"}");
        assertEquals(0, first.code(), first.output());
        assertTrue(first.output().contains("Saved the baseline"), first.output());
        assertTrue(Files.exists(dir.resolve("zelmore.baseline.json")));

        Result same = eval(set, "{\"provider\": \"extractive\"}");
        assertEquals(0, same.code(), same.output());
        assertTrue(same.output().contains("No metric fell"), same.output());

        Result strict = eval(set, "{\"provider\": \"extractive\", \"minSimilarity\": 0.99}");
        assertEquals(1, strict.code(), strict.output());
        assertTrue(strict.output().contains("Regression against"), strict.output());
        assertTrue(strict.output().contains("correct"), strict.output());

        Result missing = eval(dir.resolve("absent.jsonl"), "{}");
        assertEquals(2, missing.code(), missing.output());
        assertTrue(missing.output().contains("there is no file"), missing.output());
    }

    record Result(int code, String output) {}

    Result eval(Path set, String config) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("python3", "scripts/eval.py", set.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("DOCENT_URL", app.toString());
        env.put("DOCENT_OIDC_URL", Tokens.realmUrl());
        env.put("EVAL_CONFIG", config);
        env.put("EVAL_TIMEOUT", "300");
        Process p = pb.start();
        if (!p.waitFor(330, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("make eval did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
