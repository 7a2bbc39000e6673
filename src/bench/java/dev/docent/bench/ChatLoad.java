package dev.docent.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Concurrent users streaming answers from {@code POST /api/chat} ({@code Accept: text/event-stream}) over real HTTP:
 * each user asks its questions one after another; the time to the first {@code delta} event and to the end of the
 * stream are recorded per answer, and anything but a complete stream (status 200, a {@code done} event) is an error.
 */
final class ChatLoad {

    /**
     * One streamed answer: milliseconds to the first text and to the end; {@code error} null when it worked;
     * {@code startMs} and {@code lastDeltaMs} when its {@code start} event and its last text came (-1 when unknown);
     * {@code messageId} from its {@code start} event (null if none came), to read what Docent recorded about it.
     */
    record Sample(
            double ttftMs,
            double totalMs,
            int deltas,
            String provider,
            String error,
            double startMs,
            double lastDeltaMs,
            String messageId) {

        Sample(double ttftMs, double totalMs, int deltas, String provider, String error) {
            this(ttftMs, totalMs, deltas, provider, error, -1, -1, null);
        }
    }

    /** All answers of one load level. */
    record Result(int users, List<Sample> samples, double wallSeconds, long rssMiBAfter, int peakStreams) {

        List<Sample> ok() {
            return samples.stream().filter(s -> s.error() == null).toList();
        }

        long errors() {
            return samples.size() - ok().size() - busy();
        }

        /** Questions refused because Docent was busy (503 with Retry-After): the answer beyond the slots' cap. */
        long busy() {
            return samples.stream()
                    .filter(s -> s.error() != null && s.error().startsWith(BUSY))
                    .count();
        }

        Map<String, Object> toMap(double scheduledMs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("users", users);
            m.put("answers", samples.size());
            m.put("errors", errors());
            samples.stream()
                    .map(Sample::error)
                    .filter(e -> e != null && !e.startsWith(BUSY))
                    .findFirst()
                    .ifPresent(e -> m.put("firstError", e));
            m.put("busy", busy());
            samples.stream()
                    .map(Sample::error)
                    .filter(e -> e != null && e.startsWith(BUSY))
                    .findFirst()
                    .ifPresent(e -> m.put("busyAnswer", e));
            m.put(
                    "busyMs",
                    Stats.of(samples.stream()
                                    .filter(s -> s.error() != null && s.error().startsWith(BUSY))
                                    .map(Sample::totalMs)
                                    .toList())
                            .toMap());
            m.put("ttftMs", Stats.of(ok().stream().map(Sample::ttftMs).toList()).toMap());
            m.put(
                    "totalMs",
                    Stats.of(ok().stream().map(Sample::totalMs).toList()).toMap());
            if (scheduledMs > 0) {
                // Only answers streamed by the stub follow its schedule; an answer that ends well before it never
                // streamed the model's text (below the confidence threshold, or the model's words withheld).
                List<Sample> streamed = ok().stream()
                        .filter(s -> s.totalMs() >= 0.9 * scheduledMs)
                        .toList();
                m.put("stubScheduledMs", scheduledMs);
                m.put("answersFromTheStub", streamed.size());
                m.put(
                        "appAddedMs",
                        Stats.of(streamed.stream()
                                        .map(s -> s.totalMs() - scheduledMs)
                                        .toList())
                                .toMap());
                // The late-first-delta effect: a stream from the stub whose text all came in the last half of its
                // schedule (held back, then sent at once), however early or late it started.
                List<Sample> late = streamed.stream()
                        .filter(s -> s.totalMs() - s.ttftMs() < scheduledMs / 2)
                        .toList();
                m.put("lateFirstDelta", late.size());
                m.put(
                        "lateExamples",
                        late.stream()
                                .limit(5)
                                .map(s ->
                                        "start event %.0f ms, first delta %.0f ms, last delta %.0f ms, end %.0f ms, %d deltas"
                                                .formatted(
                                                        s.startMs(),
                                                        s.ttftMs(),
                                                        s.lastDeltaMs(),
                                                        s.totalMs(),
                                                        s.deltas()))
                                .toList());
                m.put(
                        "startEventMs",
                        Stats.of(ok().stream().map(Sample::startMs).toList()).toMap());
            }
            m.put("providers", ok().stream().map(Sample::provider).distinct().toList());
            m.put("wallSeconds", Stats.round(wallSeconds));
            m.put("rssMiBAfter", rssMiBAfter);
            m.put("peakConcurrentStreams", peakStreams);
            return m;
        }
    }

    /** How a busy answer's error starts: HTTP 503, then its Retry-After and body. */
    static final String BUSY = "HTTP 503";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final URI chat;
    private final Supplier<String> token;

    ChatLoad(int port, Supplier<String> token) {
        this.chat = URI.create("http://localhost:" + port + "/api/chat");
        this.token = token;
    }

    /** {@code users} users at once, each asking {@code perUser} questions (cycling through {@code questions}). */
    Result run(int users, int perUser, List<String> questions) throws InterruptedException {
        return run(users, perUser, questions, 0);
    }

    /** The same, user {@code u} starting {@code u * rampMs / users} ms after the first (0: all at once). */
    Result run(int users, int perUser, List<String> questions, long rampMs) throws InterruptedException {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        long begin;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                long delay = rampMs * u / users;
                pool.submit(() -> {
                    start.await();
                    Thread.sleep(delay);
                    for (int i = 0; i < perUser; i++) {
                        samples.add(ask(questions.get(next.getAndIncrement() % questions.size())));
                    }
                    return null;
                });
            }
            begin = System.nanoTime();
            start.countDown();
        }
        return new Result(
                users, List.copyOf(samples), (System.nanoTime() - begin) / 1e9, Machine.rssMiB(), peak.getAndSet(0));
    }

    Sample ask(String question) {
        String body = "{\"question\":" + jsonString(question) + "}";
        HttpRequest request = HttpRequest.newBuilder(chat)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token.get())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        peak.accumulateAndGet(active.incrementAndGet(), Math::max);
        try {
            return send(request);
        } finally {
            active.decrementAndGet();
        }
    }

    private Sample send(HttpRequest request) {
        long start = System.nanoTime();
        double ttft = -1;
        int deltas = 0;
        String provider = "?";
        String messageId = null;
        boolean done = false;
        double startEvent = -1;
        double lastDelta = -1;
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse("none");
                String body;
                try (var in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                String error = response.statusCode() == 503
                        ? BUSY + ", Retry-After " + retryAfter + ": " + body
                        : "HTTP " + response.statusCode() + ": " + body;
                return new Sample(0, ms, 0, null, error);
            }
            String event = "";
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        if (event.equals("delta")) {
                            lastDelta = (System.nanoTime() - start) / 1e6;
                            if (ttft < 0) {
                                ttft = lastDelta;
                            }
                            deltas++;
                        } else if (event.equals("start") || event.equals("done")) {
                            if (event.equals("start")) {
                                startEvent = (System.nanoTime() - start) / 1e6;
                            }
                            int at = line.indexOf("\"provider\":\"");
                            if (at >= 0) {
                                provider = line.substring(at + 12, line.indexOf('"', at + 12));
                            }
                            done |= event.equals("done");
                            int id = line.indexOf("\"messageId\":\"");
                            if (id >= 0 && messageId == null) {
                                messageId = line.substring(id + 13, line.indexOf('"', id + 13));
                            }
                        } else if (event.equals("error")) {
                            return new Sample(0, 0, deltas, provider, "error event: " + line);
                        }
                    }
                }
            }
        } catch (Exception e) {
            return new Sample(0, 0, deltas, provider, e.toString());
        }
        double total = (System.nanoTime() - start) / 1e6;
        if (!done || ttft < 0) {
            return new Sample(0, 0, deltas, provider, "stream ended without " + (ttft < 0 ? "text" : "done"));
        }
        return new Sample(ttft, total, deltas, provider, null, startEvent, lastDelta, messageId);
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        out.append("\\u%04x".formatted((int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
