package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.docent.testing.DocentProcess;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable queue's promise, against the packaged jar: kill -9 Docent while it embeds a document, start it again,
 * and the document becomes ready with every chunk exactly once, the same chunks a clean run produces.
 */
class CrashRecoveryIT {

    /** Short, so the dead worker's job is free again a few seconds after the kill. */
    private static final Duration LEASE = Duration.ofSeconds(4);

    /** Sentences in the generated handbook: about 450 chunks, several seconds of embedding on two cores. */
    private static final int RULES = 1800;

    private static final int RULES_PER_SECTION = 36;
    private static final Pattern RULE = Pattern.compile("Rule (\\d+) says");
    private static final Duration INGEST = Duration.ofSeconds(180);
    private static final String DB_USER = System.getenv().getOrDefault("DOCENT_TEST_DB_USER", "docent");
    private static final String DB_PASSWORD = System.getenv().getOrDefault("DOCENT_TEST_DB_PASSWORD", "docent");

    private final List<UUID> uploaded = new ArrayList<>();
    private DocentProcess docent;
    private String token;
    private long tokenFetchedAt;

    /** What the queue holds for a document. */
    private record Job(int attempts, String worker) {}

    @BeforeEach
    void startDocent() {
        docent = new DocentProcess(
                "crash-it",
                Map.of("DOCENT_INGESTION_LEASE", LEASE.toString(), "DOCENT_INGESTION_LOAD_USER_GUIDE", "false"));
        docent.start();
    }

    @AfterEach
    void killDocentAndDeleteDocuments() throws SQLException {
        docent.close();
        try (Connection db = db()) {
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

        double progress = awaitEmbedding(id);
        long firstPid = docent.pid();
        docent.kill();
        long killedAt = System.nanoTime();
        assertEquals(137, docent.exitValue(), "killed by SIGKILL (128 + 9)");

        try (Connection db = db()) {
            assertEquals("processing", string(db, "SELECT status FROM documents WHERE id = ?", id));
            assertEquals(0, count(db, "SELECT count(*) FROM chunks WHERE document_id = ?", id), "nothing half-written");
            Job orphan = job(db, id).orElseThrow(() -> new AssertionError("the killed worker's job is still queued"));
            assertEquals(1, orphan.attempts());
            assertTrue(orphan.worker().startsWith(firstPid + "@"), "the killed process held the job: " + orphan);
        }

        docent.start();
        long restartedAt = System.nanoTime();
        int attemptsSeen = 0;
        String retakenBy = null;
        Map<String, Object> document;
        try (Connection db = db()) {
            long deadline = System.nanoTime() + INGEST.toNanos();
            while (true) {
                Optional<Job> job = job(db, id);
                if (job.isPresent() && job.get().attempts() > attemptsSeen) {
                    attemptsSeen = job.get().attempts();
                    retakenBy = job.get().worker();
                }
                document = document(id);
                if ("ready".equals(document.get("status")) || "failed".equals(document.get("status"))) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "still " + document + " after " + INGEST);
                sleep(200);
            }
            long readyAt = System.nanoTime();
            Map<String, Object> finished = document;
            assertEquals("ready", finished.get("status"), () -> "error: " + finished.get("error"));
            assertEquals(2, attemptsSeen, "a worker took the job over once the dead one's lease ran out");
            assertEquals(Optional.empty(), job(db, id), "the finished job left the queue");

            int chunks = (Integer) document.get("chunks");
            assertEquals(chunks, ((Map<?, ?>) document.get("report")).get("chunks"));
            assertEquals(
                    List.of((long) chunks, (long) chunks, 0L, (long) chunks - 1, (long) chunks),
                    row(
                            db,
                            "SELECT count(*), count(DISTINCT ordinal), min(ordinal), max(ordinal),"
                                    + " count(*) FILTER (WHERE vector_dims(embedding) = 384)"
                                    + " FROM chunks WHERE document_id = ?",
                            id),
                    "count, distinct ordinals, first, last, with an embedding: ordinals 0..n-1, each once");
            assertEquals(
                    IntStream.range(0, RULES).boxed().collect(Collectors.toCollection(TreeSet::new)),
                    rulesIn(db, id),
                    "every sentence of the upload is in some chunk");

            UUID reference = upload("reference-" + run + ".md", withTrailingNewline(handbook));
            Map<String, Object> clean = awaitFinal(reference);
            assertEquals("ready", clean.get("status"), () -> "reference: " + clean.get("error"));
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

            System.out.printf(
                    "CrashRecoveryIT: %d chunks; pid %d killed at %.0f%% progress (embedding) with 0 chunks stored;"
                            + " restarted in %.1f s; ready %.1f s after the kill; job retaken by %s (second start: pid %d)%n",
                    chunks,
                    firstPid,
                    progress * 100,
                    (restartedAt - killedAt) / 1e9,
                    (readyAt - killedAt) / 1e9,
                    retakenBy,
                    docent.pid());
        }
    }

    /** Waits until the worker is well into embedding the document, and checks it is this Docent's worker. */
    private double awaitEmbedding(UUID id) throws SQLException {
        long deadline = System.nanoTime() + INGEST.toNanos();
        try (Connection db = db()) {
            while (System.nanoTime() < deadline) {
                Map<String, Object> document = document(id);
                double progress = ((Number) document.get("progress")).doubleValue();
                if ("embedding".equals(document.get("stage")) && progress >= 0.2) {
                    String worker = job(db, id).map(Job::worker).orElse("");
                    Assumptions.assumeTrue(
                            worker.startsWith(docent.pid() + "@"),
                            "another Docent on the shared test database took the job (" + worker + ")");
                    return progress;
                }
                if ("ready".equals(document.get("status"))
                        || "failed".equals(document.get("status"))
                        || "storing".equals(document.get("stage"))) {
                    fail("embedding was over before it could be interrupted (make the handbook longer): " + document);
                }
                sleep(50);
            }
        }
        throw new AssertionError("document " + id + " did not reach embedding within " + INGEST);
    }

    private Map<String, Object> awaitFinal(UUID id) {
        long deadline = System.nanoTime() + INGEST.toNanos();
        while (true) {
            Map<String, Object> document = document(id);
            if ("ready".equals(document.get("status")) || "failed".equals(document.get("status"))) {
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
        StringBuilder text = new StringBuilder("# Crash recovery handbook\n\nRun ").append(run).append(".\n");
        for (int rule = 0; rule < RULES; rule++) {
            if (rule % RULES_PER_SECTION == 0) {
                text.append("\n## Section ").append(rule / RULES_PER_SECTION + 1).append('\n');
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
        byte[] copy = java.util.Arrays.copyOf(text, text.length + 1);
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

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(DocentProcess.dbUrl(), DB_USER, DB_PASSWORD);
    }

    private static Optional<Job> job(Connection db, UUID id) throws SQLException {
        try (PreparedStatement select =
                db.prepareStatement("SELECT attempts, worker FROM ingestion_jobs WHERE document_id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Job(row.getInt(1), row.getString(2))) : Optional.empty();
            }
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
        try (PreparedStatement select = db.prepareStatement(
                "SELECT ordinal, context, content, token_count, heading_path::text FROM chunks"
                        + " WHERE document_id = ? ORDER BY ordinal")) {
            select.setObject(1, id);
            List<List<Object>> chunks = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    chunks.add(List.of(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4), row.getString(5)));
                }
            }
            return chunks;
        }
    }

    private static List<Long> row(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement select = prepare(db, sql, args);
                ResultSet row = select.executeQuery()) {
            row.next();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                values.add(row.getLong(i));
            }
            return values;
        }
    }

    private static long count(Connection db, String sql, Object... args) throws SQLException {
        return row(db, sql, args).getFirst();
    }

    private static String string(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement select = prepare(db, sql, args);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... args) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
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
