package dev.docent.cluster;

import static dev.docent.testing.TestDatabase.prepare;
import static dev.docent.testing.TestDatabase.row;
import static dev.docent.testing.TestDatabase.string;
import static dev.docent.testing.TestDatabase.update;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.testing.DocentProcess;
import dev.docent.testing.Poll;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.TestDatabase;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged Docent processes on one database, as behind a load balancer: live document status reaches a page on
 * the instance that did not do the work, a replay of knowledge gaps runs once for the fleet, a prompt version promoted
 * on one instance answers the next question on the other, and when the instance ingesting a document is killed with
 * SIGKILL the other one finishes it. Needs the test services and the packaged jar (failsafe, after {@code package}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

    /** Short, so the killed instance's job is free again a few seconds after the kill. */
    private static final Duration LEASE = Duration.ofSeconds(4);

    /** Few, so the shared budget runs out in a few questions; the other steps ask at most two per user. */
    private static final int CHAT_PER_MINUTE = 4;

    private static final Duration REPLAY_CHECK = Duration.ofSeconds(2);
    private static final Duration INGEST = Duration.ofSeconds(180);
    private static final String REPLAYED = "Knowledge gaps: replayed";

    private final String tag = Tags.random();
    private final StubLlm model = StubLlm.shared("fleet");
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<UUID> uploaded = new CopyOnWriteArrayList<>();
    private DocentProcess a;
    private DocentProcess b;

    @BeforeAll
    void startTwoInstances() {
        Map<String, String> env = Map.of(
                "DOCENT_INGESTION_LEASE",
                LEASE.toString(),
                "DOCENT_INGESTION_LOAD_USER_GUIDE",
                "false",
                "DOCENT_GAPS_REPLAY_DELAY",
                "PT1S",
                "DOCENT_GAPS_REPLAY_CHECK_EVERY",
                REPLAY_CHECK.toString(),
                "DOCENT_LLM_LOCAL_BASE_URL",
                model.baseUrl(),
                "DOCENT_LLM_LOCAL_MODEL",
                "stub-llama",
                "DOCENT_LIMITS_CHAT_PER_MINUTE",
                Integer.toString(CHAT_PER_MINUTE),
                // As in the test profile: on a loaded machine, with both instances starting (and one migrating the
                // empty test database), a new connection can take longer than the default 5 s.
                "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT",
                "PT30S");
        model.fallback(Reply.text("Here is what the documents say [1]."));
        a = new DocentProcess("fleet-it-a", env);
        b = new DocentProcess("fleet-it-b", env);
        // Both start at once, as a rolling deployment's new pods do.
        CompletableFuture<Void> second = CompletableFuture.runAsync(b::start);
        a.start();
        second.join();
    }

    @AfterAll
    void stopInstancesAndDeleteDocuments() throws SQLException {
        a.close();
        b.close();
        try (Connection db = TestDatabase.connect()) {
            for (UUID id : uploaded) {
                update(db, "DELETE FROM documents WHERE id = ?", id);
            }
        }
    }

    @Test
    @Order(1)
    void aDocumentUploadedOnAIsFollowedLiveOnAPageConnectedToB() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(b.url() + "/api/documents/events"))
                                .header("Authorization", "Bearer " + token("admin"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(events::add));
        try {
            UUID id = upload(
                    a,
                    "fleet-live-" + tag + ".md",
                    ("# Fleet live " + tag + "\n\nThe Ashcombe office printer is on floor two. " + tag + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            String ready = Poll.until(
                    () -> events.stream()
                            .filter(e -> e.contains(id.toString()) && e.contains("\"status\":\"ready\""))
                            .findFirst(),
                    INGEST,
                    () -> "B's page never heard that " + id + " is ready; it got: " + events);
            assertTrue(ready.startsWith("data:"), ready);
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    @Test
    @Order(2)
    void withGapClustersOpenADocumentThatAnswersThemIsReplayedOnceForTheFleet() throws Exception {
        // A word of its own: the other steps' documents carry the run's tag, which would make them look relevant.
        String place = "Quillhaven" + Tags.random();
        String question = "What is the yearly stipend of the " + place + " lighthouse keeper?";
        Map<?, ?> reply = ask(a, "alice", question);
        assertEquals(false, reply.get("answered"), "no document answers it yet: " + reply);
        ask(b, "hana", "How much is the " + place + " lighthouse keeper paid per year?");
        long cluster = Poll.until(
                () -> clusterOf(question),
                Duration.ofSeconds(60),
                () -> "the unanswered question never became a knowledge gap");
        Poll.until(
                () -> noReplayDue() ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(60),
                () -> "an earlier replay is still due");
        long before = replayLines();

        upload(a, "quillhaven-" + tag + ".md", ("""
                # %s lighthouse

                ## Keeper's stipend

                The %s lighthouse keeper is paid a stipend of 3,200 euros per year, in March.
                """).formatted(place, place).getBytes(StandardCharsets.UTF_8));
        String status = Poll.until(
                () -> status(cluster).filter("likely_resolved"::equals),
                Duration.ofSeconds(120),
                () -> "the gap was never replayed to likely resolved: " + status(cluster));
        assertEquals("likely_resolved", status);
        // The replay marks the cluster before it logs its summary line: wait for the line.
        Poll.until(
                () -> replayLines() - before >= 1 ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(30),
                () -> "the replay that resolved the gap never logged its summary");
        // Both instances look for due replays every REPLAY_CHECK: give each a few chances to run it a second time.
        long settle = System.nanoTime() + REPLAY_CHECK.multipliedBy(3).toNanos();
        Poll.until(
                () -> {
                    assertEquals(1, replayLines() - before, "one replay for the fleet, not one per instance");
                    return System.nanoTime() > settle ? Optional.of(true) : Optional.empty();
                },
                REPLAY_CHECK.multipliedBy(4),
                () -> "watching for a second replay");
        assertTrue(noReplayDue(), "and nothing is left due");
    }

    @Test
    @Order(3)
    void aPromptVersionPromotedOnAAnswersTheNextQuestionOnB() throws Exception {
        UUID document = upload(b, "canteen-" + tag + ".md", ("""
                # Brindlewick canteen %s

                ## Opening hours

                The Brindlewick canteen serves lunch from 11:45 to 13:30 on working days.
                """).formatted(tag).getBytes(StandardCharsets.UTF_8));
        awaitReady(document);
        String before = given().baseUri(a.url())
                .auth()
                .oauth2(token("manager"))
                .get("/api/prompts")
                .then()
                .statusCode(200)
                .extract()
                .path("kinds.find { it.kind == 'answer' }.active");
        String rule = "8. Sign every answer with the word Fleetwood-" + tag + ".";
        String label = as(a, "manager")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "kind",
                        "answer",
                        "system",
                        shipped("answer-system.v1.txt") + rule + "\n",
                        "user",
                        shipped("answer-user.v1.txt"),
                        "note",
                        "fleet test " + tag))
                .post("/api/prompts")
                .then()
                .statusCode(201)
                .extract()
                .path("label");
        try {
            as(a, "manager").post("/api/prompts/" + label + "/promote").then().statusCode(200);
            int sent = model.requests().size();
            Map<?, ?> answer = ask(b, "alice", "When does the Brindlewick canteen " + tag + " serve lunch?");
            assertEquals(true, answer.get("answered"), "B answered with the model: " + answer);
            assertTrue(model.requests().size() > sent, "B asked the model");
            JsonNode request = model.requests().getLast();
            String system = request.get("messages").get(0).get("content").asText();
            assertTrue(system.contains(rule), "B used the version promoted on A:\n" + system);
        } finally {
            as(a, "manager").post("/api/prompts/" + before + "/promote").then().statusCode(200);
        }
    }

    @Test
    @Order(4)
    void aUsersQuestionBudgetIsOneForTheFleetNotOnePerInstance() throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            update(db, "DELETE FROM rate_limit_buckets WHERE bucket = 'CHAT:eve'");
        }
        for (int i = 0; i < CHAT_PER_MINUTE; i++) {
            ask(i % 2 == 0 ? a : b, "eve", "Is there a Zephyrine moon base " + tag + " " + i + "?");
        }
        for (DocentProcess either : List.of(a, b)) {
            as(either, "eve")
                    .contentType(ContentType.JSON)
                    .body(Map.of("question", "One more about Zephyrine " + tag + "?"))
                    .post("/api/chat")
                    .then()
                    .statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    @Order(5)
    void whenTheInstanceIngestingADocumentIsKilledTheOtherFinishesIt() throws Exception {
        UUID id = upload(a, "fleet-crash-" + tag + ".md", handbook());
        String worker = Poll.until(
                () -> job(id).filter(j -> j.stage().equals("embedding") && j.progress() >= 0.2)
                        .map(Job::worker),
                INGEST,
                () -> "the handbook never got far into embedding: " + job(id));
        DocentProcess holder = worker.startsWith(a.pid() + "@") ? a : b;
        DocentProcess survivor = holder == a ? b : a;
        assertTrue(worker.startsWith(holder.pid() + "@"), "one of the two instances holds the job: " + worker);
        holder.kill();
        long killedAt = System.nanoTime();
        assertEquals(137, holder.exitValue(), "killed by SIGKILL");

        Map<String, Object> document = awaitReady(id);
        System.out.printf(
                "FleetIT: %s (pid %d) killed while embedding; %s (pid %d) finished the document %.1f s later%n",
                holder == a ? "A" : "B",
                holder.pid(),
                survivor == a ? "A" : "B",
                survivor.pid(),
                (System.nanoTime() - killedAt) / 1e9);
        assertEquals("ready", document.get("status"));
        try (Connection db = TestDatabase.connect()) {
            List<Long> chunks = row(
                    db,
                    "SELECT count(*), count(DISTINCT ordinal), max(ordinal) + 1 FROM chunks WHERE document_id = ?",
                    id);
            assertEquals(chunks.get(0), chunks.get(1), "every chunk once: " + chunks);
            assertEquals(chunks.get(0), chunks.get(2), "no chunk missing: " + chunks);
            assertEquals(((Integer) document.get("chunks")).longValue(), chunks.get(0));
        }
        String log = Files.readString(survivor.log());
        assertTrue(survivor.isAlive(), "the survivor is still up");
        assertFalse(log.contains("Exception in thread"), "nothing went wrong on the survivor: " + survivor.log());
    }

    // --- helpers ---

    private Optional<Long> clusterOf(String question) {
        try (Connection db = TestDatabase.connect()) {
            return Optional.ofNullable(string(db, "SELECT cluster_id FROM gap_questions WHERE question = ?", question))
                    .map(Long::parseLong);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<String> status(long cluster) {
        try (Connection db = TestDatabase.connect()) {
            return Optional.ofNullable(string(db, "SELECT status FROM gap_clusters WHERE id = ?", cluster));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean noReplayDue() {
        try (Connection db = TestDatabase.connect()) {
            return string(db, "SELECT due_at FROM fleet_duties WHERE duty = 'knowledge-gap-replay'") == null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replays logged by both instances (a replay logs one line when open clusters exist). */
    private long replayLines() {
        long lines = 0;
        for (DocentProcess p : List.of(a, b)) {
            try (Stream<String> log = Files.lines(p.log())) {
                lines += log.filter(l -> l.contains(REPLAYED)).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private record Job(String stage, double progress, String worker) {}

    private Optional<Job> job(UUID id) {
        try (Connection db = TestDatabase.connect();
                PreparedStatement select = prepare(db, """
                        SELECT coalesce(d.stage, ''), d.progress, j.worker
                          FROM documents d JOIN ingestion_jobs j ON j.document_id = d.id
                         WHERE d.id = ? AND j.worker IS NOT NULL
                        """, id);
                ResultSet row = select.executeQuery()) {
            return row.next()
                    ? Optional.of(new Job(row.getString(1), row.getDouble(2), row.getString(3)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> awaitReady(UUID id) {
        return Poll.until(
                () -> {
                    Map<String, Object> document = alive().get("/api/documents/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getMap("");
                    String status = (String) document.get("status");
                    return status.equals("queued") || status.equals("processing")
                            ? Optional.empty()
                            : Optional.of(document);
                },
                INGEST,
                () -> "document " + id + " never left the queue");
    }

    /** An admin's requests to whichever instance is up. */
    private RequestSpecification alive() {
        return as(a.isAlive() ? a : b, "admin");
    }

    private UUID upload(DocentProcess to, String fileName, byte[] content) {
        String id = as(to, "admin")
                .multiPart("file", fileName, content, "text/markdown")
                .post("/api/documents")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        UUID uuid = UUID.fromString(id);
        uploaded.add(uuid);
        return uuid;
    }

    private Map<?, ?> ask(DocentProcess to, String user, String question) {
        return as(to, user)
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    private RequestSpecification as(DocentProcess to, String user) {
        return given().baseUri(to.url()).auth().oauth2(token(user));
    }

    /** A demo user's access token (password = user name); fetched once, the test ends well within its life. */
    private String token(String user) {
        return tokens.computeIfAbsent(
                user,
                u -> given().formParam("grant_type", "password")
                        .formParam("client_id", "docent-cli")
                        .formParam("username", u)
                        .formParam("password", u)
                        .post(DocentProcess.realmUrl() + "/protocol/openid-connect/token")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("access_token"));
    }

    private static String shipped(String name) {
        try (InputStream in = FleetIT.class.getResourceAsStream("/templates/prompts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handbook long enough for a few seconds of embedding on two cores (about 250 chunks). */
    private byte[] handbook() {
        StringBuilder text = new StringBuilder("# Fleet handbook " + tag + "\n");
        String[] subjects = {"travel budget", "laptop refresh", "parking permit", "training plan", "expense claim"};
        String[] teams = {"logistics", "finance", "research", "support", "marketing", "legal"};
        for (int rule = 0; rule < 1000; rule++) {
            if (rule % 36 == 0) {
                text.append("\n## Section ").append(rule / 36 + 1).append('\n');
            }
            if (rule % 3 == 0) {
                text.append('\n');
            }
            text.append("Rule %d says that the %s of the %s team is reviewed before day %d of each quarter. "
                    .formatted(rule, subjects[rule % subjects.length], teams[rule % teams.length], rule % 90 + 1));
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
