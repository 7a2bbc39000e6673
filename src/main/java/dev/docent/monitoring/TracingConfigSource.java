package dev.docent.monitoring;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns tracing on only when {@code DOCENT_OTEL_ENDPOINT} names an OTLP collector: then spans are recorded and
 * exported there; otherwise the OpenTelemetry SDK is off (no spans, no export, no cost). Its ordinal is below
 * application.properties, so a profile (the tests') can still switch tracing on with an exporter of its own.
 */
public class TracingConfigSource implements ConfigSource {

    static final String ENDPOINT = "DOCENT_OTEL_ENDPOINT";
    static final int ORDINAL = 200;

    private final Map<String, String> properties;

    public TracingConfigSource() {
        this(System.getenv(ENDPOINT));
    }

    TracingConfigSource(String endpoint) {
        properties = endpoint == null || endpoint.isBlank()
                ? Map.of("quarkus.otel.sdk.disabled", "true")
                : Map.of(
                        "quarkus.otel.sdk.disabled",
                        "false",
                        "quarkus.otel.exporter.otlp.traces.endpoint",
                        endpoint.strip());
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "docent-tracing";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
