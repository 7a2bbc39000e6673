package dev.docent.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.DocentProcess;
import dev.docent.testing.Poll;
import dev.docent.testing.TestDatabase;
import dev.docent.testing.Tokens;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Docent started by a benchmark ({@link DocentProcess}) with its own chat client, and what the benchmarks
 * that compare packaged Docents side by side do with one: upload the user guide, find the questions the model answers,
 * ingest generated documents, pause and resume it.
 */
final class BenchInstance {

    final String name;
    final DocentProcess process;
    final ChatLoad chat;
    final List<String> providers = new ArrayList<>();

    BenchInstance(String name, DocentProcess process) {
        this.name = name;
        this.process = process;
        this.chat = new ChatLoad(URI.create(process.url()).getPort(), () -> token("alice"));
    }

    /**
     * Uploads Docent's user guide into a collection open to everyone (the same bytes are the same document, so a
     * second run adds nothing) and waits until it is ready.
     */
    void uploadGuide() throws IOException {
        int created = given().baseUri(process.url())
                .auth()
                .oauth2(token("admin"))
                .contentType("application/json")
                .body(Map.of("name", ChatLatencyBench.GUIDE_COLLECTION, "groups", List.of()))
                .post("/api/collections")
                .then()
                .extract()
                .statusCode();
        assertTrue(created == 201 || created == 409, "creating the guide collection: HTTP " + created);
        for (String file : List.of("getting-started.md", "administration.html", "faq.txt")) {
            byte[] bytes;
            try (var in = BenchInstance.class.getResourceAsStream("/user-guide/" + file)) {
                bytes = in.readAllBytes();
            }
            String id = given().baseUri(process.url())
                    .auth()
                    .oauth2(token("admin"))
                    .multiPart("file", file, bytes)
                    .multiPart("collection", ChatLatencyBench.GUIDE_COLLECTION)
                    .post("/api/documents")
                    .then()
                    .extract()
                    .path("id");
            awaitReady(id);
        }
    }

    /**
     * The passages of the guide that the stub model answers (the rest fall below the similarity threshold and get
     * "the knowledge base doesn't cover this", which never reaches the model): the benchmark times model answers.
     */
    List<String> answerable(List<String> candidates) {
        awaitModelAnswers(candidates);
        List<String> answerable = candidates.stream()
                .limit(80)
                .filter(q -> chat.ask(q).deltas() > 5)
                .toList();
        assertTrue(answerable.size() >= 5, "only " + answerable.size() + " guide passages get a model answer");
        return answerable;
    }

    /**
     * Waits until the stub model writes the answers: the answer streams more than the two deltas of "the
     * knowledge base doesn't cover this question".
     */
    void awaitModelAnswers(List<String> questions) {
        Poll.until(
                () -> questions.stream()
                        .limit(20)
                        .map(chat::ask)
                        .filter(s -> s.error() == null && s.deltas() > 5 && !"extractive".equals(s.provider()))
                        .findFirst(),
                Duration.ofMinutes(5),
                () -> name + ": no model-written answer about the user guide");
        providers.add(chat.ask(questions.get(0)).provider());
    }

    /** Waits until no document is queued or being ingested (jobs of the other arm's round are done). */
    void awaitIdle() {
        Poll.until(
                () -> queued() == 0 ? Optional.of(true) : Optional.empty(),
                Duration.ofMinutes(10),
                () -> "documents still queued");
    }

    private long queued() {
        var queue = given().baseUri(process.url())
                .auth()
                .oauth2(token("admin"))
                .get("/api/documents/queue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return queue.getLong("waiting") + queue.getLong("running");
    }

    /** Uploads {@code n} generated documents at once and returns documents per second until all are ready. */
    double ingest(int n, Random random) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(given().baseUri(process.url())
                    .auth()
                    .oauth2(token("admin"))
                    .multiPart("file", "overhead-" + run + "-" + i + ".md", document(random, run, i))
                    .post("/api/documents")
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201, 202))
                    .extract()
                    .path("id"));
        }
        for (String id : ids) {
            awaitReady(id);
        }
        return n / (Duration.between(start, Instant.now()).toNanos() / 1e9);
    }

    private void awaitReady(String id) {
        String status = Poll.until(
                () -> {
                    String s = given().baseUri(process.url())
                            .auth()
                            .oauth2(token("admin"))
                            .get("/api/documents/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
                    return "ready".equals(s) || "failed".equals(s) ? Optional.of(s) : Optional.empty();
                },
                Duration.ofMinutes(10),
                () -> name + ": document " + id + " not ingested");
        assertEquals("ready", status, name + ": document " + id);
    }

    private static final Map<String, String[]> TOKENS = new HashMap<>();

    /** A token for a demo user, fetched again after a minute (they live five). */
    static synchronized String token(String user) {
        String[] cached = TOKENS.get(user);
        long now = System.currentTimeMillis();
        if (cached == null || now - Long.parseLong(cached[1]) > 60_000) {
            cached = new String[] {Tokens.fetch(DocentProcess.realmUrl(), user), Long.toString(now)};
            TOKENS.put(user, cached);
        }
        return cached[0];
    }

    /** The machine, and the test database's PostgreSQL and pgvector (both Docents use it). */
    static Map<String, Object> machine() throws java.sql.SQLException {
        Map<String, Object> m = new HashMap<>(Machine.describe(null));
        try (var c = TestDatabase.connect();
                var st = c.createStatement()) {
            for (String[] q : List.of(
                    new String[] {"postgresql", "SHOW server_version"},
                    new String[] {"pgvector", "SELECT extversion FROM pg_extension WHERE extname = 'vector'"},
                    new String[] {"shared_buffers", "SHOW shared_buffers"},
                    new String[] {"maintenance_work_mem", "SHOW maintenance_work_mem"})) {
                try (var rs = st.executeQuery(q[1])) {
                    m.put(q[0], rs.next() ? rs.getString(1) : "?");
                }
            }
        }
        return m;
    }

    /** Pauses ({@code STOP}) or resumes ({@code CONT}) a Docent process; null does nothing. */
    static void signal(String signal, DocentProcess process) throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** A Markdown document of a few sections, different in every run (so it is never a duplicate upload). */
    static byte[] document(Random random, String run, int i) {
        String[] words = {
            "ledger",
            "invoice",
            "shipment",
            "quarterly",
            "warehouse",
            "policy",
            "audit",
            "customer",
            "renewal",
            "schedule",
            "transfer",
            "approval",
            "budget",
            "contract",
            "service",
            "review"
        };
        StringBuilder text = new StringBuilder("# Operations note " + run + " " + i + "\n\n");
        for (int section = 0; section < 4; section++) {
            text.append("## Section ").append(section).append("\n\n");
            for (int sentence = 0; sentence < 8; sentence++) {
                for (int w = 0; w < 14; w++) {
                    text.append(words[random.nextInt(words.length)]).append(' ');
                }
                text.append(run).append(i).append(".\n");
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
