package dev.docent.ingestion;

import static dev.docent.testing.TestDatabase.count;
import static dev.docent.testing.TestDatabase.prepare;
import static dev.docent.testing.TestDatabase.row;
import static dev.docent.testing.TestDatabase.string;
import static dev.docent.testing.TestDatabase.update;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.docent.testing.DocentProcess;
import dev.docent.testing.TestDatabase;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The durable queue's promise, against the packaged jar run as a child process: kill -9 Docent while it embeds or
 * stores a document, start it again, and the document becomes ready with every chunk exactly once, the same chunks a
 * clean run produces. Needs the test services ({@code make test} starts them) and a packaged jar (failsafe runs it
 * after {@code package}).
 */
class CrashRecoveryIT {

    /** Short, so the dead worker's job is free again a few seconds after the kill. */
    private static final Duration LEASE = Duration.ofSeconds(4);

    /** Sentences in the generated handbook: about 450 chunks, several seconds of embedding on two cores. */
    private static final int RULES = 1800;

    private static final int RULES_PER_SECTION = 36;
    private static final Pattern RULE = Pattern.compile("Rule (\\d+) says");
    private static final Duration INGEST = Duration.ofSeconds(180);

    private final List<UUID> uploaded = new ArrayList<>();
    private DocentProcess docent;
    private String token;
    private long tokenFetchedAt;
    private long killedPid;
    private long killedAt;

    /** A document's status and its job (attempts 0 and no worker once the job left the queue). */
    private record State(String status, String stage, double progress, long chunkRows, int attempts, String worker) {}

    /** How a restart went. */
    private record Recovery(Map<String, Object> document, long restartedAt, long readyAt, String retakenBy) {}

    @BeforeEach
    void startDocent(TestInfo test) {
        docent = new DocentProcess(
                "crash-it-" + test.getTestMethod().orElseThrow().getName().split("_")[0],
                Map.of("DOCENT_INGESTION_LEASE", LEASE.toString(), "DOCENT_INGESTION_LOAD_USER_GUIDE", "false"));
        docent.start();
    }

    @AfterEach
    void killDocentAndDeleteDocuments() throws SQLException {
        docent.close();
        try (Connection db = TestDatabase.connect()) {
            for (UUID id : uploaded) {
                update(db, "DELETE FROM documents WHERE id = ?", id);
            }
        }
    }

    @Test
    void killedWhileEmbedding_documentBecomesReadyAfterRestartWithEveryChunkExactlyOnce() throws SQLException {
        String run = UUID.randomUUID().toString();
        byte[] handbook = handbook(run);
        UUID id = upload("crash-" + run + ".md", handbook);

        State atKill = killWhen(id, state -> "embedding".equals(state.stage()) && state.progress() >= 0.2, 50);
        State settled = settle(id);
        assertEquals("processing", settled.status(), "not ready: " + settled);
        assertEquals(0, settled.chunkRows(), "nothing half-written");
        assertEquals(1, settled.attempts(), "the killed worker's job is still queued: " + settled);

        Recovery recovery = restartAndAwaitReady(id, 2);
        int chunks = assertEveryChunkOnce(id, recovery.document());

        UUID reference = upload("reference-" + run + ".md", withTrailingNewline(handbook));
        Map<String, Object> clean = awaitReady(reference);
        try (Connection db = TestDatabase.connect()) {
            assertEquals(chunks(db, reference), chunks(db, id), "the same chunks as a clean run of the same text");
            assertEquals(
                    0,
                    count(
                            db,
                            "SELECT count(*) FROM chunks a JOIN chunks b ON a.ordinal = b.ordinal"
                                    + " WHERE a.document_id = ? AND b.document_id = ?"
                                    + " AND a.embedding <=> b.embedding > 0.001",
                            id,
                            reference),
                    "and the same embeddings");
        }
        assertEquals(chunks, clean.get("chunks"));
        report("embedding", atKill, chunks, recovery);
    }

    @Test
    void killedWhileStoring_documentBecomesReadyAfterRestartWithEveryChunkExactlyOnce() throws SQLException {
        UUID id = upload(
                "crash-store-" + UUID.randomUUID() + ".md",
                handbook(UUID.randomUUID().toString()));

        State atKill = killWhen(id, state -> "storing".equals(state.stage()), 1);
        State settled = settle(id);
        Assumptions.assumeFalse(
                "ready".equals(settled.status()), "the store committed before SIGKILL landed: " + settled);
        assertEquals("processing", settled.status(), "not ready: " + settled);
        assertEquals(0, settled.chunkRows(), "the interrupted store was rolled back as a whole");
        assertEquals(1, settled.attempts(), "the killed worker's job is still queued: " + settled);

        Recovery recovery = restartAndAwaitReady(id, 2);
        int chunks = assertEveryChunkOnce(id, recovery.document());
        report("storing", atKill, chunks, recovery);
    }

    @Test
    void stoppedWhileEmbedding_jobGoesBackToTheQueueAtOnceWithoutCountingAnAttempt() throws Exception {
        UUID id = upload(
                "stop-" + UUID.randomUUID() + ".md", handbook(UUID.randomUUID().toString()));

        awaitOwnJob(id, state -> "embedding".equals(state.stage()) && state.progress() >= 0.2, 50);
        docent.stop();
        try (Connection db = TestDatabase.connect()) {
            assertEquals(
                    "attempts=0 worker= lease= due=now",
                    string(db, """
                            SELECT format('attempts=%s worker=%s lease=%s due=%s', attempts, worker, lease_until,
                                          CASE WHEN run_after <= now() THEN 'now' ELSE 'later' END)
                              FROM ingestion_jobs WHERE document_id = ?
                            """, id),
                    "the job is free for the next start, and the interrupted attempt does not count");
            assertNull(
                    string(db, "SELECT error FROM documents WHERE id = ?", id),
                    "no failed attempt is reported to the admin");
        }
        assertFalse(
                Files.readString(docent.log()).contains("ERROR [de.do.in.IngestionWorkers]"),
                "a stop is not an incident: " + docent.log());

        Recovery recovery = restartAndAwaitReady(id, 1);
        assertEveryChunkOnce(id, recovery.document());
    }

    /** Polls the database until {@code when} holds, then kills Docent with SIGKILL at once. */
    private State killWhen(UUID id, Predicate<State> when, long pollMs) throws SQLException {
        State state = awaitOwnJob(id, when, pollMs);
        killedPid = docent.pid();
        docent.kill();
        killedAt = System.nanoTime();
        assertEquals(137, docent.exitValue(), "killed by SIGKILL (128 + 9)");
        return state;
    }

    /** Polls the database until {@code when} holds, and checks this Docent's worker holds the job at that moment. */
    private State awaitOwnJob(UUID id, Predicate<State> when, long pollMs) throws SQLException {
        long deadline = System.nanoTime() + INGEST.toNanos();
        try (Connection db = TestDatabase.connect()) {
            while (System.nanoTime() < deadline) {
                State state = state(db, id);
                if (when.test(state)) {
                    assumeOwnJob(state);
                    return state;
                }
                if (!"queued".equals(state.status()) && !"processing".equals(state.status())) {
                    fail("the moment to stop Docent passed (make the handbook longer): " + state);
                }
                sleep(pollMs);
            }
        }
        throw new AssertionError("document " + id + " never reached the moment to stop Docent");
    }

    /**
     * Skips the test when another live Docent on the same test database (a concurrent test run on this machine) took
     * the job: killing this one proves nothing then. A job held by anything else is a failure.
     */
    private void assumeOwnJob(State state) {
        String worker = state.worker() == null ? "" : state.worker();
        if (worker.startsWith(docent.pid() + "@")) {
            return;
        }
        Matcher pid = Pattern.compile("^(\\d+)@").matcher(worker);
        assertTrue(pid.find(), "no worker holds the job while it is processed: " + state);
        Assumptions.assumeFalse(
                ProcessHandle.of(Long.parseLong(pid.group(1))).isPresent(),
                "another Docent on the shared test database took the job: " + state);
        fail("the job is held by a worker that is neither this Docent nor alive: " + state);
    }

    /**
     * The document once the killed process's database session is over: taking the row lock its store transaction
     * holds waits until PostgreSQL has committed or rolled that transaction back.
     */
    private static State settle(UUID id) throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            update(db, "SET LOCAL lock_timeout = '60s'");
            string(db, "SELECT status FROM documents WHERE id = ? FOR UPDATE", id);
            db.rollback();
            return state(db, id);
        }
    }

    /** Starts Docent again and waits until the document is ready, watching a worker take the job over. */
    private Recovery restartAndAwaitReady(UUID id, int attempts) throws SQLException {
        docent.start();
        long restartedAt = System.nanoTime();
        int attemptsSeen = 0;
        String retakenBy = null;
        long deadline = System.nanoTime() + INGEST.toNanos();
        try (Connection db = TestDatabase.connect()) {
            while (true) {
                State state = state(db, id);
                if (state.attempts() > attemptsSeen) {
                    attemptsSeen = state.attempts();
                    retakenBy = state.worker();
                }
                if (!"queued".equals(state.status()) && !"processing".equals(state.status())) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "still " + state + " after " + INGEST);
                sleep(100);
            }
            long readyAt = System.nanoTime();
            Map<String, Object> document = document(id);
            assertEquals("ready", document.get("status"), () -> "error: " + document.get("error"));
            assertEquals(attempts, attemptsSeen, "attempts at the job when a worker took it over");
            assertEquals(0, state(db, id).attempts(), "the finished job left the queue");
            return new Recovery(document, restartedAt, readyAt, retakenBy);
        }
    }

    /** Checks the chunks of a recovered document: ordinals 0..n-1 once each, all embedded, every sentence kept. */
    private static int assertEveryChunkOnce(UUID id, Map<String, Object> document) throws SQLException {
        int chunks = (Integer) document.get("chunks");
        assertEquals(chunks, ((Map<?, ?>) document.get("report")).get("chunks"), "the report agrees");
        try (Connection db = TestDatabase.connect()) {
            assertEquals(
                    List.of((long) chunks, (long) chunks, 0L, (long) chunks - 1, (long) chunks),
                    row(
                            db,
                            "SELECT count(*), count(DISTINCT ordinal), min(ordinal), max(ordinal),"
                                    + " count(*) FILTER (WHERE vector_dims(embedding) = 384)"
                                    + " FROM chunks WHERE document_id = ?",
                            id),
                    "rows, distinct ordinals, first, last, embedded: ordinals 0..n-1, each once");
            assertEquals(
                    IntStream.range(0, RULES).boxed().collect(Collectors.toCollection(TreeSet::new)),
                    rulesIn(db, id),
                    "every sentence of the upload is in some chunk");
        }
        return chunks;
    }

    private void report(String stage, State atKill, int chunks, Recovery recovery) {
        Map<?, ?> last = (Map<?, ?>) recovery.document().get("report");
        System.out.printf(
                "CrashRecoveryIT (%s): %d chunks; pid %d killed at %s %.0f%%, nothing stored; restarted in %.1f s;"
                        + " ready %.1f s after the kill, job retaken by %s (second start: pid %d);"
                        + " the run that finished: embed %s ms, store %s ms%n",
                stage,
                chunks,
                killedPid,
                atKill.stage(),
                atKill.progress() * 100,
                (recovery.restartedAt() - killedAt) / 1e9,
                (recovery.readyAt() - killedAt) / 1e9,
                recovery.retakenBy(),
                docent.pid(),
                last.get("embedMs"),
                last.get("storeMs"));
    }

    private Map<String, Object> awaitReady(UUID id) {
        long deadline = System.nanoTime() + INGEST.toNanos();
        while (true) {
            Map<String, Object> document = document(id);
            if (!"queued".equals(document.get("status")) && !"processing".equals(document.get("status"))) {
                assertEquals("ready", document.get("status"), () -> "error: " + document.get("error"));
                return document;
            }
            assertTrue(System.nanoTime() < deadline, "still " + document + " after " + INGEST);
            sleep(200);
        }
    }

    /** A Markdown handbook of numbered rules, unique to this run so the upload is never a duplicate. */
    private static byte[] handbook(String run) {
        String[] subjects = {"travel budget", "laptop refresh", "parking permit", "training plan", "expense claim"};
        String[] teams = {"logistics", "finance", "research", "support", "marketing", "legal"};
        String[] checks = {"approved by", "reviewed by", "reported to", "signed off by"};
        String[] owners = {"the regional office", "the team lead", "the works council", "the controller"};
        StringBuilder text = new StringBuilder("# Crash recovery handbook\n\nRun ")
                .append(run)
                .append(".\n");
        for (int rule = 0; rule < RULES; rule++) {
            if (rule % RULES_PER_SECTION == 0) {
                text.append("\n## Section ")
                        .append(rule / RULES_PER_SECTION + 1)
                        .append('\n');
            }
            if (rule % 3 == 0) {
                text.append('\n');
            }
            text.append("Rule %d says that the %s of the %s team is %s %s before day %d of each quarter. "
                    .formatted(
                            rule,
                            subjects[rule % subjects.length],
                            teams[rule % teams.length],
                            checks[rule % checks.length],
                            owners[rule / 7 % owners.length],
                            rule % 90 + 1));
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Different bytes (so not a duplicate upload), the same text once parsed. */
    private static byte[] withTrailingNewline(byte[] text) {
        byte[] copy = Arrays.copyOf(text, text.length + 1);
        copy[text.length] = '\n';
        return copy;
    }

    private UUID upload(String fileName, byte[] content) {
        String id = api().multiPart("file", fileName, content, "text/markdown")
                .post("/api/documents")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        UUID uuid = UUID.fromString(id);
        uploaded.add(uuid);
        return uuid;
    }

    private Map<String, Object> document(UUID id) {
        return api().get("/api/documents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    private RequestSpecification api() {
        return given().baseUri(docent.url()).auth().oauth2(adminToken());
    }

    /** An admin's access token from the test realm (Keycloak's live 5 minutes). */
    private String adminToken() {
        if (token == null || System.currentTimeMillis() - tokenFetchedAt > 60_000) {
            token = given().formParam("grant_type", "password")
                    .formParam("client_id", "docent-cli")
                    .formParam("username", "admin")
                    .formParam("password", "admin")
                    .post(DocentProcess.realmUrl() + "/protocol/openid-connect/token")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            tokenFetchedAt = System.currentTimeMillis();
        }
        return token;
    }

    private static State state(Connection db, UUID id) throws SQLException {
        try (PreparedStatement select = prepare(db, """
                        SELECT d.status, d.stage, d.progress,
                               (SELECT count(*) FROM chunks c WHERE c.document_id = d.id),
                               coalesce(j.attempts, 0), j.worker
                          FROM documents d LEFT JOIN ingestion_jobs j ON j.document_id = d.id
                         WHERE d.id = ?
                        """, id);
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new AssertionError("document " + id + " is gone");
            }
            return new State(
                    row.getString(1),
                    row.getString(2),
                    row.getDouble(3),
                    row.getLong(4),
                    row.getInt(5),
                    row.getString(6));
        }
    }

    /** Every rule number found in a document's chunks. */
    private static Set<Integer> rulesIn(Connection db, UUID id) throws SQLException {
        Set<Integer> rules = new TreeSet<>();
        for (List<Object> chunk : chunks(db, id)) {
            Matcher rule = RULE.matcher((String) chunk.get(2));
            while (rule.find()) {
                rules.add(Integer.parseInt(rule.group(1)));
            }
        }
        return rules;
    }

    /** A document's chunks in order: ordinal, context, content, token count, heading path. */
    private static List<List<Object>> chunks(Connection db, UUID id) throws SQLException {
        try (PreparedStatement select =
                db.prepareStatement("SELECT ordinal, context, content, token_count, heading_path::text FROM chunks"
                        + " WHERE document_id = ? ORDER BY ordinal")) {
            select.setObject(1, id);
            List<List<Object>> chunks = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    chunks.add(List.of(
                            row.getInt(1), row.getString(2), row.getString(3), row.getInt(4), row.getString(5)));
                }
            }
            return chunks;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
