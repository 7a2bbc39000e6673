package dev.docent.bench;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
     * Bytes of spans the local OTLP receiver accepted (proof that the "on" arm exported). Kept in the JVM's system
     * properties, not in a static field: Quarkus loads this class twice (once to read the profile, once with the test
     * in the application's class loader), and two static fields meant two receivers, the exporter posting to one while
     * the arm counted the other, which never received anything.
     */
    static AtomicLong exportedBytes() {
        receiverPort();
        return (AtomicLong) System.getProperties().get(BYTES);
    }

    private static final String BYTES = "docent.bench.otlp.bytes";
    private static final String PORT = "docent.bench.otlp.port";

    /** The one receiver in this JVM, started on first use. */
    static int receiverPort() {
        // Properties is a Hashtable: computeIfAbsent is atomic, so concurrent class loaders still start one receiver.
        return Integer.parseInt((String) System.getProperties().computeIfAbsent(PORT, k -> {
            AtomicLong bytes = new AtomicLong();
            System.getProperties().put(BYTES, bytes);
            return String.valueOf(collector(bytes).getAddress().getPort());
        }));
    }

    private static HttpServer collector(AtomicLong bytes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // Any path: the exporter posts to the endpoint's /v1/traces, or to the endpoint itself, by version.
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
            return m;
        }
    }
}
