package dev.docent.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings from a remote OpenAI-compatible endpoint, here a stub server speaking the real protocol. A Quarkus test
 * only so the tokenizer's native library loads in the same class loader as in the other tests.
 */
@QuarkusTest
class RemoteEmbedderTest {

    HttpServer server;
    final AtomicReference<String> lastRequest = new AtomicReference<>();
    int dimension = 4;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastRequest.set(body);
            int inputs = new ObjectMapper().readTree(body).get("input").size();
            List<String> data = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                List<String> values = new ArrayList<>();
                for (int d = 0; d < dimension; d++) {
                    values.add(d == i % dimension ? "3.0" : "0.0");
                }
                data.add("{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":[" + String.join(",", values)
                        + "]}");
            }
            byte[] response = ("{\"object\":\"list\",\"data\":[" + String.join(",", data)
                            + "],\"model\":\"stub-embed\",\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void vectorsComeBackInOrderAndNormalized() throws IOException {
        Embedder embedder = new EmbedderProducer().embedder(config(4));
        List<float[]> vectors = embedder.embedAll(List.of("first passage", "second passage"));
        assertEquals(2, vectors.size());
        assertEquals(1.0f, vectors.get(0)[0], 1e-6, "scaled to unit length");
        assertEquals(1.0f, vectors.get(1)[1], 1e-6, "the second text's vector is the second one");
        assertEquals(
                "stub-embed",
                new ObjectMapper().readTree(lastRequest.get()).get("model").asText());
        assertEquals("stub-embed", embedder.modelName());
    }

    @Test
    void aModelOfAnotherDimensionIsRefusedWithTheSettingToChange() {
        Embedder embedder = new EmbedderProducer().embedder(config(8));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> embedder.embed("text"));
        assertTrue(e.getMessage().contains("DOCENT_EMBEDDING_DIMENSION"), e.getMessage());
    }

    @Test
    void aRemoteProviderWithoutUrlSaysWhatIsMissing() {
        EmbeddingConfig config = new TestConfig(4, Optional.empty());
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> new EmbedderProducer().embedder(config));
        assertTrue(e.getMessage().contains("DOCENT_EMBEDDING_BASE_URL"), e.getMessage());
    }

    private EmbeddingConfig config(int databaseDimension) {
        return new TestConfig(
                databaseDimension,
                Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"));
    }

    private record TestConfig(int dimension, Optional<String> baseUrl) implements EmbeddingConfig {
        @Override
        public Provider provider() {
            return Provider.OPENAI_COMPATIBLE;
        }

        @Override
        public String model() {
            return "stub-embed";
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.of("test-key");
        }

        @Override
        public int remoteMaxTokens() {
            return 512;
        }

        @Override
        public boolean remoteIsLocal() {
            return false;
        }

        @Override
        public boolean queryInstruction() {
            return true;
        }

        @Override
        public int batchSize() {
            return 32;
        }
    }
}
