package dev.docent.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading vLLM's and llama.cpp's metrics from a local stub server, and every way the reading can fail. */
class ModelServerScraperTest {

    @Test
    void readsVllmRequestsCacheAndTokenCounters() {
        try (StubModelServer stub = new StubModelServer()) {
            stub.answer(200, StubModelServer.vllm(3, 1, 0.42, 1000, 500));
            ModelServerScraper.Reading r = new ModelServerScraper(URI.create(stub.url())).scrape(Instant.now());
            assertNull(r.failure());
            assertEquals("vllm", r.server());
            assertEquals(3.0, r.running());
            assertEquals(1.0, r.waiting());
            assertEquals(0.42, r.cacheUsage(), 1e-9);
            assertEquals(1000.0, r.promptTokens());
            assertEquals(500.0, r.generationTokens());
        }
    }

    @Test
    void readsLlamaCppMetrics() {
        ModelServerScraper.Reading r =
                ModelServerScraper.read(Instant.now(), StubModelServer.llamaCpp(1, 2, 0.125, 112, 300));
        assertEquals("llama.cpp", r.server());
        assertEquals(1.0, r.running());
        assertEquals(2.0, r.waiting());
        assertEquals(0.125, r.cacheUsage(), 1e-9);
        assertEquals(300.0, r.generationTokens());
    }

    @Test
    void newerVllmNamesTheCacheKvAndSeveralModelsAreSummed() {
        String text = """
                vllm:num_requests_running{model_name="a"} 2
                vllm:num_requests_running{model_name="b",note="x}y"} 1
                vllm:num_requests_waiting{model_name="a"} 0
                vllm:kv_cache_usage_perc{model_name="a"} 0.5
                vllm:kv_cache_usage_perc{model_name="b",note="x}y"} 0.25
                this line is not prometheus
                """;
        ModelServerScraper.Reading r = ModelServerScraper.read(Instant.now(), text);
        assertEquals(3.0, r.running());
        assertEquals(0.375, r.cacheUsage(), 1e-9);
        assertNull(r.generationTokens());
    }

    @Test
    void anErrorStatusIsAReasonNotAnException() {
        try (StubModelServer stub = new StubModelServer()) {
            stub.answer(503, "");
            ModelServerScraper.Reading r = new ModelServerScraper(URI.create(stub.url())).scrape(Instant.now());
            assertEquals("the server answered HTTP 503", r.failure());
        }
    }

    @Test
    void aServerThatIsNotThereIsRefused() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ModelServerScraper.Reading r =
                new ModelServerScraper(URI.create("http://127.0.0.1:" + port + "/metrics")).scrape(Instant.now());
        assertEquals("connection refused at 127.0.0.1:" + port, r.failure());
    }

    @Test
    void anAnswerWithoutModelServerMetricsSaysSo() {
        try (StubModelServer stub = new StubModelServer()) {
            stub.answer(200, "<html><body>Welcome to nginx!</body></html>");
            ModelServerScraper.Reading r = new ModelServerScraper(URI.create(stub.url())).scrape(Instant.now());
            assertTrue(r.failure().startsWith("the answer holds no vLLM or llama.cpp metrics"), r.failure());
        }
    }

    @Test
    void anUnknownHostIsAReason() {
        ModelServerScraper.Reading r =
                new ModelServerScraper(URI.create("http://no-such-host.invalid:8000/metrics")).scrape(Instant.now());
        assertEquals("unknown host no-such-host.invalid", r.failure());
    }
}
