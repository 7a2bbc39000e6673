package dev.docent.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.docent.testing.DocentProcess;
import dev.docent.testing.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
            String admin = BenchInstance.token("admin");
            // The builds are what they claim: only "on" has a scrape endpoint.
            assertEquals(404, metricsStatus(off, admin), "the off build still serves /q/metrics");
            assertEquals(200, metricsStatus(on, admin), "the on build serves no /q/metrics");

            BenchInstance a = new BenchInstance("off", off);
            BenchInstance b = new BenchInstance("on", on);
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
                    BenchInstance measured = arm == 0 ? a : b;
                    BenchInstance paused = arm == 0 ? b : a;
                    BenchInstance.signal("CONT", measured.process);
                    paused.awaitIdle();
                    BenchInstance.signal("STOP", paused.process);
                    dps[arm] = measured.ingest(documents, new Random(42 + r));
                }
                BenchInstance.signal("CONT", a.process);
                BenchInstance.signal("CONT", b.process);
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
                            BenchInstance.machine()));
        } finally {
            BenchInstance.signal("CONT", off.isAlive() ? off : null);
            BenchInstance.signal("CONT", on.isAlive() ? on : null);
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
}
