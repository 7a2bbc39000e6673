package dev.docent.monitoring;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Finished spans kept in memory, for tests that read traces (picked up by Quarkus as a span exporter). Any SpanExporter
 * bean keeps Quarkus from installing its OTLP exporter, so the monitoring overhead benchmark's "on" arm, which must
 * export as deployed, turns this one off ({@code docent.test.in-memory-spans=false}).
 */
@ApplicationScoped
@IfBuildProperty(name = "docent.test.in-memory-spans", stringValue = "true", enableIfMissing = true)
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
