package dev.docent.monitoring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A local HTTP server answering {@code /metrics} with what a test sets: real-format vLLM or llama.cpp text. */
final class StubModelServer implements AutoCloseable {

    private static StubModelServer shared;

    private final HttpServer server;
    private volatile int status = 200;
    private volatile String body = vllm(3, 1, 0.42, 1000, 500);

    StubModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    static synchronized StubModelServer shared() {
        if (shared == null) {
            shared = new StubModelServer();
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** What vLLM 0.6-0.8 serves (abridged: the families Docent reads, with a histogram and process metrics around). */
    static String vllm(int running, int waiting, double cache, long promptTokens, long generationTokens) {
        String model = "model_name=\"Qwen/Qwen2.5-7B-Instruct\"";
        return """
                # HELP python_gc_objects_collected_total Objects collected during gc
                # TYPE python_gc_objects_collected_total counter
                python_gc_objects_collected_total{generation="0"} 12345.0
                # HELP vllm:num_requests_running Number of requests currently running on GPU.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{%1$s} %2$d.0
                # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{%1$s} %3$d.0
                # HELP vllm:gpu_cache_usage_perc GPU KV-cache usage. 1 means 100 percent usage.
                # TYPE vllm:gpu_cache_usage_perc gauge
                vllm:gpu_cache_usage_perc{%1$s} %4$s
                # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
                # TYPE vllm:prompt_tokens_total counter
                vllm:prompt_tokens_total{%1$s} %5$d.0
                # HELP vllm:generation_tokens_total Number of generation tokens processed.
                # TYPE vllm:generation_tokens_total counter
                vllm:generation_tokens_total{%1$s} %6$d.0
                # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
                # TYPE vllm:time_to_first_token_seconds histogram
                vllm:time_to_first_token_seconds_bucket{le="0.001",%1$s} 0.0
                vllm:time_to_first_token_seconds_bucket{le="+Inf",%1$s} 42.0
                vllm:time_to_first_token_seconds_count{%1$s} 42.0
                vllm:time_to_first_token_seconds_sum{%1$s} 8.4
                """.formatted(model, running, waiting, cache, promptTokens, generationTokens);
    }

    /** What llama.cpp's {@code llama-server --metrics} serves. */
    static String llamaCpp(int processing, int deferred, double cache, long promptTokens, long predicted) {
        return """
                # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
                # TYPE llamacpp:prompt_tokens_total counter
                llamacpp:prompt_tokens_total %4$d
                # HELP llamacpp:prompt_seconds_total Prompt process time
                # TYPE llamacpp:prompt_seconds_total counter
                llamacpp:prompt_seconds_total 1.7
                # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
                # TYPE llamacpp:tokens_predicted_total counter
                llamacpp:tokens_predicted_total %5$d
                # HELP llamacpp:predicted_tokens_seconds Average generation throughput in tokens/s.
                # TYPE llamacpp:predicted_tokens_seconds gauge
                llamacpp:predicted_tokens_seconds 22.1
                # HELP llamacpp:kv_cache_usage_ratio KV-cache usage. 1 means 100 percent usage.
                # TYPE llamacpp:kv_cache_usage_ratio gauge
                llamacpp:kv_cache_usage_ratio %3$s
                # HELP llamacpp:requests_processing Number of request processing.
                # TYPE llamacpp:requests_processing gauge
                llamacpp:requests_processing %1$d
                # HELP llamacpp:requests_deferred Number of request deferred.
                # TYPE llamacpp:requests_deferred gauge
                llamacpp:requests_deferred %2$d
                """.formatted(processing, deferred, cache, promptTokens, predicted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
