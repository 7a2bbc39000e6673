package dev.docent.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in OpenAI-compatible provider for benchmarks: {@code POST /v1/chat/completions}, plain or streamed
 * ({@code stream: true}: server-sent {@code chat.completion.chunk} events with {@code choices[0].delta.content}, a last
 * chunk with {@code usage}, then {@code data: [DONE]}). It answers at once ({@code tokensPerSecond} 0) or paces its
 * tokens, so what remains of a measured latency is Docent's own.
 */
final class StubLlmServer implements AutoCloseable {

    /** The answer, one token per word, citing the first passage. */
    static final String ANSWER =
            "According to the passage, the answer is stated there directly and clearly, as the documents say [1].";

    private final HttpServer server;
    private volatile double tokensPerSecond;
    private volatile int repeats = 1;
    private final AtomicLong requests = new AtomicLong();

    StubLlmServer(double tokensPerSecond) throws IOException {
        this.tokensPerSecond = tokensPerSecond;
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/v1/models", ex -> send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"stub\"}]}"));
        server.start();
    }

    /** For {@code docent.llm.local.base-url}. */
    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/v1";
    }

    /** Tokens per second from now on (0: all at once). */
    void pace(double tokensPerSecond) {
        this.tokensPerSecond = tokensPerSecond;
    }

    long requests() {
        return requests.get();
    }

    /** The answer said {@code repeats} times over (a realistic answer length for paced streams). */
    void repeat(int repeats) {
        this.repeats = Math.max(1, repeats);
    }

    String[] tokens() {
        String[] words = (ANSWER + " ").repeat(repeats).strip().split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            words[i] = words[i] + " ";
        }
        return words;
    }

    /** How long a streamed answer takes by the stub's own schedule, in milliseconds. */
    double scheduledMs() {
        return tokensPerSecond <= 0 ? 0 : tokens().length * 1000 / tokensPerSecond;
    }

    private void complete(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String usage = "{\"prompt_tokens\":" + Math.max(1, body.length() / 4) + ",\"completion_tokens\":"
                + tokens().length + ",\"total_tokens\":" + (body.length() / 4 + tokens().length) + "}";
        if (!body.replace(" ", "").contains("\"stream\":true")) {
            send(
                    ex,
                    200,
                    "{\"id\":\"stub-1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"stub\",\"choices\":[{\"index\":0,"
                            + "\"message\":{\"role\":\"assistant\",\"content\":"
                            + ChatLoad.jsonString(String.join("", tokens()))
                            + "},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            long start = System.nanoTime();
            chunk(out, "{\"role\":\"assistant\",\"content\":\"\"}", "null", null);
            String[] tokens = tokens();
            for (int i = 0; i < tokens.length; i++) {
                if (tokensPerSecond > 0) {
                    long due = start + (long) ((i + 1) * 1e9 / tokensPerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
                chunk(out, "{\"content\":" + ChatLoad.jsonString(tokens[i]) + "}", "null", null);
            }
            chunk(out, "{}", "\"stop\"", usage);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static void chunk(OutputStream out, String delta, String finish, String usage) throws IOException {
        String json = "{\"id\":\"stub-1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"stub\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
