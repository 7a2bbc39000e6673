package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.DocentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-streams}: hundreds of concurrent streaming chats against a packaged Docent started with the JVM
 * settings recommended for a 1 GiB container, its memory (RSS) idle and under load read from {@code /proc}. The stub
 * model (in this JVM) streams {@code bench.streams.tokensPerSecond} tokens/s (20), a 170-token answer (8.5 s); the
 * {@code bench.streams.users} users (500) arrive over one answer's duration, so all streams are open at once; each
 * asks one question. {@code bench.streams.slots}: Docent's answer slots ({@code DOCENT_LIMITS_ANSWER_SLOTS}), one
 * packaged run each (default users + 12, all admitted, then 200: the busy answer beyond the cap). {@code bench.streams.jvm}: the JVM options,
 * separated by spaces or commas (default {@link #RECOMMENDED}; commas pass through {@code BENCH_ARGS}). System property {@code bench.streams.jar}: the packaged {@code quarkus-run.jar}
 * ({@code scripts/docent.sh bench streams} packages it).
 */
@Tag("bench")
class ConcurrentStreamsBench {

    private static final Logger LOG = Logger.getLogger(ConcurrentStreamsBench.class);

    /**
     * What a 1 GiB container runs Docent with (the image's options, README Performance): {@code -XX:MaxRAM=1g} stands
     * for the container's limit and {@code -XX:+UseSerialGC} for what the JVM chooses itself below 1,792 MiB (in a
     * container the JVM reads the limit; here it would see the whole machine).
     */
    static final String RECOMMENDED = "-XX:MaxRAM=1g -XX:+UseSerialGC -XX:MaxRAMPercentage=40"
            + " -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=64m";

    @Test
    void hundredsOfStreamsFromAPackagedDocent() throws Exception {
        int users = Integer.getInteger("bench.streams.users", 500);
        double tokensPerSecond = Double.parseDouble(System.getProperty("bench.streams.tokensPerSecond", "20"));
        String jvm = System.getProperty("bench.streams.jvm", RECOMMENDED).strip();
        String jarPath = System.getProperty("bench.streams.jar");
        if (jarPath == null) {
            throw new IllegalStateException(
                    "System property bench.streams.jar is missing: run `make bench-streams`, which packages Docent");
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        StringBuilder markdown = new StringBuilder(HEADER.formatted(jvm, users, tokensPerSecond));
        try (StubLlmServer stub = new StubLlmServer(0)) {
            for (String slots : System.getProperty("bench.streams.slots", (users + 12) + ",200")
                    .split(",")) {
                Map<String, Object> run =
                        run(stub, Path.of(jarPath), jvm, users, Integer.parseInt(slots.strip()), tokensPerSecond);
                runs.add(run);
                markdown.append(row(run));
            }
        }
        markdown.append("\nLoad average at the end: ")
                .append(Machine.loadAverage())
                .append(".\n");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jvmOptions", jvm);
        data.put("runs", runs);
        data.put("loadAverageAtEnd", Machine.loadAverage());
        data.put("machine", BenchInstance.machine());
        BenchReport.section(Path.of("target", "bench"), "streams", data, markdown.toString());
    }

    /** One packaged Docent with {@code slots} answer slots, {@code users} paced streams at once. */
    private static Map<String, Object> run(
            StubLlmServer stub, Path jar, String jvm, int users, int slots, double tokensPerSecond) throws Exception {
        Map<String, String> env = Map.of(
                "DOCENT_LLM_LOCAL_BASE_URL", stub.baseUrl(),
                "DOCENT_LLM_LOCAL_MODEL", "stub",
                "DOCENT_LIMITS_CHAT_PER_MINUTE", "0",
                "DOCENT_LIMITS_UPLOADS_PER_MINUTE", "0",
                "DOCENT_LIMITS_ANSWER_SLOTS", Integer.toString(slots));
        List<String> options = jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("[\\s,]+"));
        DocentProcess docent = new DocentProcess("streams-" + slots, jar, env, options);
        try {
            docent.start();
            BenchInstance instance = new BenchInstance("streams", docent);
            stub.pace(0);
            stub.repeat(1);
            instance.uploadGuide();
            List<String> questions =
                    instance.answerable(RealTexts.guide(1000, 200).queries());
            instance.chat.run(20, 4, questions); // warm-up at zero latency, not reported
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("answerSlots", slots);
            data.put("rssMiBIdle", status(docent.pid(), "VmRSS:") >> 10);
            data.put("threadsIdle", status(docent.pid(), "Threads:"));
            stub.pace(tokensPerSecond);
            stub.repeat(10);
            AtomicLong rssPeak = new AtomicLong();
            AtomicLong threadsPeak = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    rssPeak.accumulateAndGet(status(docent.pid(), "VmRSS:") >> 10, Math::max);
                    threadsPeak.accumulateAndGet(status(docent.pid(), "Threads:"), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ChatLoad.Result result = instance.chat.run(users, 1, questions, (long) stub.scheduledMs());
            sampler.interrupt();
            sampler.join();
            data.put("streams", result.toMap(stub.scheduledMs()));
            data.put("rssMiBUnderLoadPeak", rssPeak.get());
            data.put("rssMiBHighWaterMark", status(docent.pid(), "VmHWM:") >> 10);
            data.put("threadsUnderLoadPeak", threadsPeak.get());
            data.put("loadAverage", Machine.loadAverage());
            LOG.infof("streams: %s", data);
            assertTrue(docent.isAlive(), "Docent survived the load");
            return data;
        } finally {
            stub.pace(0);
            stub.repeat(1);
            if (docent.isAlive()) {
                docent.stop();
            }
        }
    }

    private static final String HEADER = """
            ## Concurrent streams from a packaged Docent (`make bench-streams`)

            JVM: `%s`; %s users arriving over one answer (stub: %s tokens/s, 170 tokens). Busy: refused with 503 and
            Retry-After beyond the answer slots. Late: streams whose text all came in the last half of the stub's schedule.

            | answer slots | streams | errors | busy (503) | late | TTFT p50 / p95 ms | app-added p50 / p95 ms | busy answer p95 ms | RSS idle / peak MiB | threads idle / peak | load |
            |---:|---:|---:|---:|---:|---|---|---|---|---|---|
            """;

    @SuppressWarnings("unchecked")
    private static String row(Map<String, Object> run) {
        var m = (Map<String, Object>) run.get("streams");
        var added = (Map<String, Object>) m.get("appAddedMs");
        var ttft = (Map<String, Object>) m.get("ttftMs");
        var busy = (Map<String, Object>) m.get("busyMs");
        return "| %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s / %s | %s / %s | %s |%n"
                .formatted(
                        run.get("answerSlots"),
                        m.get("answers"),
                        m.get("errors"),
                        m.get("busy"),
                        m.get("lateFirstDelta"),
                        ttft.get("median"),
                        ttft.get("p95"),
                        added == null ? "-" : added.get("median"),
                        added == null ? "-" : added.get("p95"),
                        busy.get("p95"),
                        run.get("rssMiBIdle"),
                        run.get("rssMiBUnderLoadPeak"),
                        run.get("threadsIdle"),
                        run.get("threadsUnderLoadPeak"),
                        run.get("loadAverage"));
    }

    /** A number field of {@code /proc/<pid>/status} (kB for memory), -1 when unreadable. */
    static long status(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith(field))
                    .map(l -> Long.parseLong(l.replaceAll("\\D+", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
