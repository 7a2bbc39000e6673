package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.docent.llm.LocalModelProfile;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code deploy/} load (valid JSON and YAML of the expected
 * shape), and every metric they name is in {@code /q/metrics} after a few answers, a thumbs down and two uploads.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class DeployFilesTest {

    static final Path DASHBOARD = Path.of("deploy/grafana/docent.json");
    static final Path ALERTS = Path.of("deploy/prometheus/alerts.yml");
    static final Pattern METRIC = Pattern.compile("\\b((?:docent|jvm|process|system)_[a-z0-9_]+)");
    static final String TAG = Tags.random();

    final StubLlm model = StubLlm.shared("local");

    @Inject
    OperationsMetrics operations;

    @Test
    void theDashboardAndTheAlertRulesNameOnlyMetricsDocentExposes() throws IOException {
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        expressions.addAll(alertExpressions());
        Set<String> named = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertTrue(named.size() >= 15, "the files cover the metrics: " + named);

        aFewAnswersAndUploads();
        // An upload's attempt is counted a moment after the document shows its status: poll up to a deadline.
        Poll.until(
                () -> {
                    PrometheusText scraped = PrometheusText.scrape();
                    return Optional.of(true).filter(ok -> named.stream().allMatch(scraped::has));
                },
                Duration.ofSeconds(10),
                () -> {
                    PrometheusText scraped = PrometheusText.scrape();
                    return "named in deploy/ but not in /q/metrics: "
                            + named.stream().filter(n -> !scraped.has(n)).toList();
                });
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertEquals("docent", dashboard.path("uid").asText());
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertFalse(panel.path("title").asText().isBlank(), "every panel has a title");
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText());
            }
        }
        assertTrue(out.size() >= 16, "one query or more per panel");
        return out;
    }

    private static List<String> alertExpressions() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(ALERTS));
        List<String> out = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertFalse(rule.path("alert").asText().isBlank(), "every rule is an alert with a name");
                assertFalse(rule.path("annotations").path("summary").asText().isBlank(), "and a summary");
                out.add(rule.path("expr").asText());
            }
        }
        assertTrue(out.size() >= 8, "the degradations the issue lists, and ingestion");
        return out;
    }

    private void aFewAnswersAndUploads() {
        model.reset();
        Documents.ingest("orrin-" + TAG + ".md", ("""
                # Orrin depot %s

                The Orrin depot loads trucks from 6:00 to 22:00. Drivers check in at gate four with their badge.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        Documents.ingest("blank-" + TAG + ".md", new byte[] {' ', '\n'});
        model.enqueue(Reply.text("Trucks are loaded from 6:00 to 22:00 [1]."));
        model.enqueue(Reply.text("Drivers check in somewhere."));
        String first = ask("When does the Orrin depot load trucks?");
        ask("Where do drivers check in at the Orrin depot?");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("rating", "down", "reason", "incorrect"))
                .post("/api/chat/" + first + "/feedback")
                .then()
                .statusCode(200);
        operations.refresh();
    }

    private static String ask(String question) {
        return given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .path("messageId");
    }
}
