package dev.docent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * A stand-in for an LLM provider that speaks OpenAI's chat completions protocol (as vLLM, llama.cpp's server, Ollama
 * and OpenAI do): JSON or, for {@code "stream": true}, server-sent events with {@code chat.completion.chunk} deltas,
 * a usage chunk and {@code [DONE]}; errors as OpenAI's error JSON. Replies are scripted per test; every request body is
 * kept so tests can check what was sent (the prompt, and that nothing local-only went to a commercial model).
 */
public final class StubLlm {

    private static final Map<String, StubLlm> SHARED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A scripted reply.
     *
     * @param status HTTP status; not 200 sends an error body
     * @param tokens the answer's pieces, one chunk each
     * @param firstDelayMs wait before the first piece (or the error)
     * @param perTokenMs wait between pieces
     */
    public record Reply(int status, List<String> tokens, long firstDelayMs, long perTokenMs) {

        public static Reply text(String... tokens) {
            return new Reply(200, List.of(tokens), 0, 0);
        }

        public static Reply error(int status) {
            return new Reply(status, List.of(), 0, 0);
        }

        public Reply after(long ms) {
            return new Reply(status, tokens, ms, perTokenMs);
        }

        public Reply every(long ms) {
            return new Reply(status, tokens, firstDelayMs, ms);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Reply fallback = Reply.text("The stub has no scripted reply.");
    private volatile boolean obedient;

    private StubLlm() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-llm");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** One stub per name for the whole test run (test profiles start the application with its URL). */
    public static StubLlm shared(String name) {
        return SHARED.computeIfAbsent(name, n -> new StubLlm());
    }

    /** The base URL to configure: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts the next replies, in order; after them the fallback reply is used. */
    public void enqueue(Reply... next) {
        replies.addAll(List.of(next));
    }

    public void fallback(Reply reply) {
        fallback = reply;
    }

    /**
     * Without a scripted reply, answer as the {@link ObedientModel}: do whatever the last instruction in the prompt
     * says (for the safety tests and the red-team benchmark).
     */
    public void obey(boolean obey) {
        obedient = obey;
    }

    /** Forgets scripted replies and recorded requests. */
    public void reset() {
        replies.clear();
        requests.clear();
        fallback = Reply.text("The stub has no scripted reply.");
        obedient = false;
    }

    /** The JSON bodies received so far. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** All message contents of a request, joined: what the model was shown. */
    public static String prompt(JsonNode request) {
        StringBuilder all = new StringBuilder();
        request.get("messages")
                .forEach(m -> all.append(m.get("role").asText())
                        .append(": ")
                        .append(m.get("content").asText())
                        .append("\n"));
        return all.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            requests.add(body);
            Reply reply = replies.isEmpty() ? null : replies.poll();
            if (reply == null) {
                reply = obedient ? new Reply(200, ObedientModel.tokens(ObedientModel.reply(body)), 0, 0) : fallback;
            }
            sleep(reply.firstDelayMs());
            if (reply.status() != 200) {
                byte[] error = ("{\"error\":{\"message\":\"stub failure " + reply.status()
                                + "\",\"type\":\"server_error\",\"code\":null}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            String model = body.path("model").asText("stub");
            int promptTokens = body.get("messages").toString().length() / 4;
            int completionTokens = reply.tokens().size();
            if (body.path("stream").asBoolean(false)) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                send(out, chunk(model, Map.of("role", "assistant", "content", ""), null));
                for (int i = 0; i < reply.tokens().size(); i++) {
                    if (i > 0) {
                        sleep(reply.perTokenMs());
                    }
                    send(out, chunk(model, Map.of("content", reply.tokens().get(i)), null));
                }
                send(out, chunk(model, Map.of(), "stop"));
                ObjectNode usage = JSON.createObjectNode();
                usage.put("id", "chatcmpl-stub")
                        .put("object", "chat.completion.chunk")
                        .put("model", model);
                usage.putArray("choices");
                usage.putObject("usage")
                        .put("prompt_tokens", promptTokens)
                        .put("completion_tokens", completionTokens)
                        .put("total_tokens", promptTokens + completionTokens);
                send(out, usage.toString());
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } else {
                ObjectNode response = JSON.createObjectNode();
                response.put("id", "chatcmpl-stub")
                        .put("object", "chat.completion")
                        .put("model", model);
                ObjectNode choice = response.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", String.join("", reply.tokens()));
                response.putObject("usage")
                        .put("prompt_tokens", promptTokens)
                        .put("completion_tokens", completionTokens)
                        .put("total_tokens", promptTokens + completionTokens);
                byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            // The client went away (a cancelled answer): nothing to do.
        }
    }

    private static String chunk(String model, Map<String, String> delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-stub")
                .put("object", "chat.completion.chunk")
                .put("created", 0)
                .put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode d = choice.putObject("delta");
        delta.forEach(d::put);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk.toString();
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
