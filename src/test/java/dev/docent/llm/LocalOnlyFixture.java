package dev.docent.llm;

import static io.restassured.RestAssured.given;

import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local-only collection with a lab document, and an ordinary document, for the local-only rule's tests (here and in
 * the MCP server's).
 */
public final class LocalOnlyFixture {

    public static final String TAG = Tags.random();
    public static final String LAB_QUESTION = "What is the coolant temperature limit of the Brindlecomb reactor?";
    public static final String LAB_SECRET = "Brindlecomb reactor coolant must stay below 63 degrees";
    public static final String PARKING_QUESTION = "Where do visitors park at the Tessaroo office?";
    private static boolean ready;

    private LocalOnlyFixture() {}

    /** Configuration of a commercial provider (OpenAI's protocol) served by the "cloud" stub, plus {@code more}. */
    public static Map<String, String> cloudStub(Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "docent.llm.cloud.provider", "openai",
                "docent.llm.cloud.base-url",
                        dev.docent.testing.StubLlm.shared("cloud").baseUrl(),
                "docent.llm.cloud.api-key", "sk-test-not-real",
                "docent.llm.cloud.model", "stub-gpt",
                "docent.answer.min-similarity", "0.6"));
        config.putAll(more);
        return config;
    }

    public static synchronized void ensure() {
        if (ready) {
            return;
        }
        String lab = "lab-" + TAG;
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", lab, "groups", List.of(), "localOnly", true))
                .post("/api/collections")
                .then()
                .statusCode(201);
        String labDoc = Documents.upload(
                        "brindlecomb-" + TAG + ".md",
                        ("# Brindlecomb reactor " + TAG + "\n\nThe " + LAB_SECRET
                                        + " Celsius during normal operation. Above that the reactor shuts down.\n")
                                .getBytes(StandardCharsets.UTF_8),
                        lab)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(labDoc, Duration.ofSeconds(120));
        Documents.ingest(
                "tessaroo-" + TAG + ".md",
                ("# Tessaroo office " + TAG + "\n\nVisitors to the Tessaroo office park in the north car park, level"
                                + " two, and sign in at the front desk.\n")
                        .getBytes(StandardCharsets.UTF_8));
        ready = true;
    }
}
