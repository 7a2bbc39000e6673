package dev.docent.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.docent.testing.DocentProcess;
import dev.docent.testing.Poll;
import dev.docent.testing.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-overhead}: the cost of watching. Two packaged Docents run side by side on the test database and the
 * same stub model: "off" is a build without the Prometheus registry or Micrometer binders and runs without
 * {@code DOCENT_OTEL_ENDPOINT} (no OpenTelemetry SDK); "on" is the normal build with {@code DOCENT_OTEL_ENDPOINT} set,
 * recording every span and exporting it over OTLP/HTTP to a receiver in this JVM that counts the bytes.
 *
 * <p>Answers alternate between the two (off then on, then on then off), one at a time, so a change of machine load
 * falls on both arms of every pair; ingestion runs in rounds, the other process paused ({@code SIGSTOP}) so that only
 * the measured one takes jobs from the shared queue. An earlier version ran each arm in a JVM of its own, one after
 * the other: the difference between two starts of the same build was larger than the 3 % to be measured.
 *
 * <p>System properties: {@code bench.overhead.off-jar} and {@code bench.overhead.on-jar} (set by {@code
 * scripts/docent.sh bench overhead}, which packages both builds), {@code bench.overhead.answers} (pairs, 200),
 * {@code bench.overhead.documents} (per ingestion round, 20), {@code bench.overhead.rounds} (ingestion rounds, 3).
 */
@Tag("bench")
class MonitoringOverheadBench {

    static final int WARMUP_PAIRS = 30;

    @Test
    void timeToFirstTokenAndIngestionOffAndOn() throws Exception {
        int pairs = Integer.getInteger("bench.overhead.answers", 200);
        int documents = Integer.getInteger("bench.overhead.documents", 20);
        int rounds = Integer.getInteger("bench.overhead.rounds", 3);
        AtomicLong spanBytes = new AtomicLong();
        HttpServer receiver = receiver(spanBytes);
        StubLlmServer stub = new StubLlmServer(0);
        Map<String, String> common = Map.of(
                "DOCENT_LLM_LOCAL_BASE_URL", stub.baseUrl(),
                "DOCENT_LLM_LOCAL_MODEL", "stub",
                "DOCENT_LIMITS_CHAT_PER_MINUTE", "0",
                "DOCENT_LIMITS_UPLOADS_PER_MINUTE", "0");
        Map<String, String> onEnv = new HashMap<>(common);
        onEnv.put(
                "DOCENT_OTEL_ENDPOINT",
                "http://127.0.0.1:" + receiver.getAddress().getPort());
        onEnv.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        DocentProcess off = new DocentProcess("overhead-off", jar("bench.overhead.off-jar"), common);
        DocentProcess on = new DocentProcess("overhead-on", jar("bench.overhead.on-jar"), onEnv);
        try {
            off.start();
            on.start();
            String admin = token("admin");
            // The builds are what they claim: only "on" has a scrape endpoint.
            assertEquals(404, metricsStatus(off, admin), "the off build still serves /q/metrics");
            assertEquals(200, metricsStatus(on, admin), "the on build serves no /q/metrics");

            Arm a = new Arm("off", off);
            Arm b = new Arm("on", on);
            a.uploadGuide();
            List<String> questions = a.answerable(RealTexts.guide(1000, 200).queries());
            b.awaitModelAnswers(questions);
            for (int i = 0; i < WARMUP_PAIRS; i++) {
                a.chat.ask(questions.get(i % questions.size()));
                b.chat.ask(questions.get(i % questions.size()));
            }
            long spansBefore = spanBytes.get();
            List<double[]> ttft = new ArrayList<>();
            int errors = 0;
            for (int i = 0; i < pairs; i++) {
                String question = questions.get(i % questions.size());
                ChatLoad.Sample x;
                ChatLoad.Sample y;
                if (i % 2 == 0) {
                    x = a.chat.ask(question);
                    y = b.chat.ask(question);
                } else {
                    y = b.chat.ask(question);
                    x = a.chat.ask(question);
                }
                if (x.error() == null && y.error() == null) {
                    ttft.add(new double[] {x.ttftMs(), y.ttftMs()});
                } else {
                    errors++;
                }
            }
            String loadAfterAnswers = Machine.loadAverage();

            List<double[]> ingestion = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double[] dps = new double[2];
                for (int k = 0; k < 2; k++) {
                    // Alternate which arm goes first, round by round.
                    int arm = (r + k) % 2;
                    Arm measured = arm == 0 ? a : b;
                    Arm paused = arm == 0 ? b : a;
                    signal("CONT", measured.process);
                    paused.awaitIdle();
                    signal("STOP", paused.process);
                    dps[arm] = measured.ingest(documents, new Random(42 + r));
                }
                signal("CONT", a.process);
                signal("CONT", b.process);
                ingestion.add(dps);
            }
            long exported = Poll.until(
                    () -> spanBytes.get() - spansBefore > 0
                            ? Optional.of(spanBytes.get() - spansBefore)
                            : Optional.empty(),
                    Duration.ofSeconds(30),
                    () -> "spans exported by the on arm to the local OTLP receiver");
            assertTrue(errors * 20 < pairs, errors + " of " + pairs + " answer pairs failed");
            MonitoringOverheadReport.write(
                    Path.of("target", "bench"),
                    new MonitoringOverheadReport.Result(
                            ttft,
                            errors,
                            ingestion,
                            documents,
                            exported,
                            a.providers,
                            b.providers,
                            loadAfterAnswers,
                            Machine.loadAverage(),
                            machine()));
        } finally {
            signal("CONT", off.isAlive() ? off : null);
            signal("CONT", on.isAlive() ? on : null);
            if (off.isAlive()) {
                off.stop();
            }
            if (on.isAlive()) {
                on.stop();
            }
            stub.close();
            receiver.stop(0);
        }
    }

    /** One Docent of the two, with its own chat client. */
    private static final class Arm {
        final String name;
        final DocentProcess process;
        final ChatLoad chat;
        final List<String> providers = new ArrayList<>();

        Arm(String name, DocentProcess process) {
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
                try (var in = MonitoringOverheadBench.class.getResourceAsStream("/user-guide/" + file)) {
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
    private static Map<String, Object> machine() throws java.sql.SQLException {
        Map<String, Object> m = new HashMap<>(Machine.describe(null));
        try (var c = java.sql.DriverManager.getConnection(DocentProcess.dbUrl(), "docent", "docent");
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

    private static int metricsStatus(DocentProcess process, String token) {
        return given().baseUri(process.url())
                .auth()
                .oauth2(token)
                .get("/q/metrics")
                .then()
                .extract()
                .statusCode();
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("System property " + property
                    + " is missing: run `make bench-overhead`, which packages both builds");
        }
        return Path.of(path);
    }

    /** Pauses ({@code STOP}) or resumes ({@code CONT}) a Docent process; null does nothing. */
    private static void signal(String signal, DocentProcess process) throws IOException, InterruptedException {
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

    /** An OTLP/HTTP receiver that accepts every export and counts its bytes. */
    private static HttpServer receiver(AtomicLong bytes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
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
