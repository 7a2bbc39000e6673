package dev.docent.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.llm.LocalModelProfile;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, one answer is one trace whose "answer" span holds the stages in order (rewrite, retrieval with the
 * question's embedding and the hybrid search, context assembly, the model call with its first token, recording), and
 * the answer record keeps the trace id; one ingestion job is one trace with parse, chunk, embed and store.
 */
@QuarkusTest
@TestProfile(TracingTest.Profile.class)
class TracingTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new LocalModelProfile().getConfigOverrides());
            config.put("quarkus.otel.sdk.disabled", "false");
            // No collector in tests: the spans go to the in-memory exporter (InMemorySpans) only.
            config.put("quarkus.otel.exporter.otlp.enabled", "false");
            config.put("quarkus.otel.bsp.schedule.delay", "50ms");
            return config;
        }
    }

    static final String TAG = Tags.random();

    final StubLlm model = StubLlm.shared("local");

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Jdbc jdbc;

    @Test
    void oneAnswerIsOneTraceWithItsStagesAsChildrenOfTheAnswerSpan() throws Exception {
        Documents.ingest("kestrel-" + TAG + ".md", ("""
                # Kestrel lab %s

                The Kestrel lab calibrates its spectrometers every Monday at 9:00 before the first measurements.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        model.reset();
        model.enqueue(Reply.text("The spectrometers are calibrated", " every Monday at 9:00 [1]."));
        String messageId = given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", "When does the Kestrel lab calibrate its spectrometers?"))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .path("messageId");

        String traceId = jdbc.one(
                        "SELECT trace_id FROM answer_observations WHERE message_id = ?::uuid",
                        row -> row.getString(1),
                        messageId)
                .orElse(null);
        assertNotNull(traceId, "the answer record keeps its trace id");
        SpanData answer =
                awaitSpan(s -> s.getName().equals("answer") && s.getTraceId().equals(traceId));
        SpanData recording =
                awaitSpan(s -> s.getName().equals("recording") && s.getTraceId().equals(traceId));
        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .toList();

        List<String> stages = trace.stream()
                .filter(s -> s.getParentSpanId().equals(answer.getSpanId()))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .map(SpanData::getName)
                .toList();
        assertEquals(List.of("rewrite", "retrieval", "context assembly", "model call", "recording"), stages);
        SpanData retrieval = named(trace, "retrieval");
        assertEquals(retrieval.getSpanId(), named(trace, "question embedding").getParentSpanId());
        assertEquals(retrieval.getSpanId(), named(trace, "hybrid search").getParentSpanId());
        SpanData call = named(trace, "model call");
        assertEquals(
                "stub-llama",
                call.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("docent.model"))
                        .map(e -> e.getValue().toString())
                        .findFirst()
                        .orElse(null));
        boolean firstToken = call.getEvents().stream().anyMatch(e -> e.getName().equals("first token"))
                || answer.getEvents().stream().anyMatch(e -> e.getName().equals("first token"));
        assertTrue(firstToken, "the first token is an event of the model call (or the answer)");
        assertTrue(recording.getEndEpochNanos() <= answer.getEndEpochNanos(), "recording ends within the answer");
    }

    @Test
    void oneIngestionJobIsOneTraceWithParseChunkEmbedStore() throws Exception {
        String id = Documents.ingest(
                "plover-" + TAG + ".md",
                ("# Plover " + TAG + "\n\nThe Plover archive keeps maps of the northern coast.\n")
                        .getBytes(StandardCharsets.UTF_8));
        SpanData job = awaitSpan(s -> s.getName().equals("ingestion")
                && id.equals(s.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("docent.document"))
                        .map(e -> e.getValue().toString())
                        .findFirst()
                        .orElse(null)));
        List<String> stages = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(job.getSpanId()))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .map(SpanData::getName)
                .toList();
        assertEquals(List.of("parse", "chunk", "embed", "store"), stages);
        assertTrue(!job.getParentSpanContext().isValid(), "a trace of its own");
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in "
                        + trace.stream().map(SpanData::getName).toList()));
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        return Poll.until(
                () -> spans.getFinishedSpanItems().stream().filter(wanted).findFirst(),
                Duration.ofSeconds(15),
                () -> "span not exported; have "
                        + spans.getFinishedSpanItems().stream()
                                .map(SpanData::getName)
                                .toList());
    }
}
