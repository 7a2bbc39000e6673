package dev.docent.bench;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two arms of the monitoring overhead benchmark, both over {@link StubProviderProfile}'s stub model. Off: no
 * Prometheus registry (Micrometer's meters record into an empty composite, i.e. nowhere) and no OpenTelemetry SDK.
 * On: as deployed with tracing, the Prometheus registry and the SDK exporting every span over OTLP/HTTP to a local
 * receiver that accepts and counts them.
 */
final class MonitoringOverheadProfiles {

    private MonitoringOverheadProfiles() {}

    /**
     * Bytes of spans the local OTLP receiver accepted (proof that the "on" arm exported), asked of the receiver itself
     * over HTTP. Quarkus may load this class in more than one class loader (to read the profile, and with the test),
     * and a static receiver would then be one per loader, the exporter posting to one while the arm counts another.
     * So the one receiver's port is a system property (a string: other code copies system properties as strings), and
     * its count is read from the receiver.
     */
    static long exportedBytes() {
        URI count = URI.create("http://127.0.0.1:" + receiverPort() + COUNT);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return Long.parseLong(
                    client.send(HttpRequest.newBuilder(count).build(), HttpResponse.BodyHandlers.ofString())
                            .body()
                            .strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String PORT = "docent.bench.otlp.port";

    private static final String COUNT = "/docent-bytes-received";

    /** The one receiver in this JVM, started on first use. */
    static int receiverPort() {
        // Properties is a Hashtable: computeIfAbsent is atomic, so concurrent class loaders still start one receiver.
        return Integer.parseInt((String) System.getProperties()
                .computeIfAbsent(
                        PORT, k -> String.valueOf(receiver().getAddress().getPort())));
    }

    private static HttpServer receiver() {
        try {
            AtomicLong bytes = new AtomicLong();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(COUNT, exchange -> {
                byte[] body = String.valueOf(bytes.get()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            // Any other path: the exporter posts to the endpoint's /v1/traces, or to the endpoint itself, by version.
            server.createContext("/", exchange -> {
                bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Metrics and tracing off. */
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(new StubProviderProfile().getConfigOverrides());
            m.put("quarkus.micrometer.export.prometheus.enabled", "false");
            m.put("quarkus.micrometer.binder-enabled-default", "false");
            m.put("quarkus.otel.sdk.disabled", "true");
            m.put("docent.test.in-memory-spans", "false");
            return m;
        }
    }

    /** Metrics and tracing on, spans exported. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(new StubProviderProfile().getConfigOverrides());
            m.put("quarkus.otel.sdk.disabled", "false");
            m.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
            m.put("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + receiverPort());
            // The tests' in-memory exporter would keep Quarkus from installing the OTLP one (see InMemorySpans).
            m.put("docent.test.in-memory-spans", "false");
            return m;
        }
    }
}
