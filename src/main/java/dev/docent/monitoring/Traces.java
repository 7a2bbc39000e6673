package dev.docent.monitoring;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The current OpenTelemetry trace, for the answer record to keep. */
@ApplicationScoped
public class Traces {

    /** The id of the trace the current thread works in, or null when there is none (tracing off). */
    public String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
