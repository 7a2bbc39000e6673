package dev.docent.monitoring;

import dev.docent.answering.Retriever;
import dev.docent.retrieval.Retrieval;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;

/**
 * Times the retrieval stage ({@code docent_retrieval_duration_seconds}) and traces it (the "retrieval" span) without
 * touching the answering code.
 */
@Decorator
@Priority(10)
public class TimedRetriever implements Retriever {

    private final Retriever delegate;
    private final AnswerMetrics metrics;
    private final Tracer tracer;

    @Inject
    TimedRetriever(@Delegate @Any Retriever delegate, AnswerMetrics metrics, Tracer tracer) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    @Override
    public Retrieval retrieve(String query, Set<String> groups, String collection) {
        long start = System.nanoTime();
        try {
            return AnswerSpans.inSpan(tracer, "retrieval", () -> delegate.retrieve(query, groups, collection));
        } finally {
            metrics.retrieval(collection, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
