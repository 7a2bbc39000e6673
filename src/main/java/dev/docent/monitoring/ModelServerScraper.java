package dev.docent.monitoring;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One scrape of a local model server's Prometheus metrics: vLLM ({@code vllm:num_requests_running},
 * {@code vllm:num_requests_waiting}, {@code vllm:gpu_cache_usage_perc} or {@code vllm:kv_cache_usage_perc}, the token
 * counters) or llama.cpp's {@code --metrics} ({@code llamacpp:requests_processing}, {@code requests_deferred},
 * {@code kv_cache_usage_ratio}, {@code prompt_tokens_total}, {@code tokens_predicted_total}). A failure becomes a
 * reason a person can act on, never an exception.
 */
final class ModelServerScraper {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /**
     * What one scrape read; counters are totals since the server started, {@code cacheUsage} a share (0 to 1).
     * {@code failure} is set (and the rest null) when the scrape failed.
     */
    record Reading(
            Instant at,
            String server,
            Double running,
            Double waiting,
            Double cacheUsage,
            Double promptTokens,
            Double generationTokens,
            String failure) {

        static Reading failed(Instant at, String reason) {
            return new Reading(at, null, null, null, null, null, null, reason);
        }
    }

    private final URI url;
    private final HttpClient http;

    ModelServerScraper(URI url) {
        this.url = Objects.requireNonNull(url, "url");
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    Reading scrape(Instant at) {
        String body;
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(TIMEOUT)
                            .header("Accept", "text/plain")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Reading.failed(at, "the server answered HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_BYTES) {
                return Reading.failed(at, "the answer is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (HttpConnectTimeoutException e) {
            return Reading.failed(at, "no connection within " + TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return Reading.failed(at, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return Reading.failed(
                    at, unresolved(e) ? "unknown host " + url.getHost() : "connection refused at " + hostAndPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.failed(at, "interrupted");
        } catch (IOException | UnresolvedAddressException e) {
            return Reading.failed(
                    at, "could not reach " + hostAndPort() + " (" + e.getClass().getSimpleName() + ")");
        }
        return read(at, body);
    }

    static Reading read(Instant at, String body) {
        PrometheusSamples samples = PrometheusSamples.parse(body);
        Double running = samples.sum("vllm:num_requests_running");
        if (running != null) {
            return new Reading(
                    at,
                    "vllm",
                    running,
                    samples.sum("vllm:num_requests_waiting"),
                    samples.mean("vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc"),
                    samples.sum("vllm:prompt_tokens_total"),
                    samples.sum("vllm:generation_tokens_total"),
                    null);
        }
        running = samples.sum("llamacpp:requests_processing");
        if (running != null) {
            return new Reading(
                    at,
                    "llama.cpp",
                    running,
                    samples.sum("llamacpp:requests_deferred"),
                    samples.mean("llamacpp:kv_cache_usage_ratio"),
                    samples.sum("llamacpp:prompt_tokens_total"),
                    samples.sum("llamacpp:tokens_predicted_total"),
                    null);
        }
        return Reading.failed(at, "the answer holds no vLLM or llama.cpp metrics (is this the server's /metrics?)");
    }

    /** The JDK client reports an unknown host as a refused connection, with the real cause further down. */
    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** Where the server is, without any credentials the URL may carry. */
    String hostAndPort() {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }
}
