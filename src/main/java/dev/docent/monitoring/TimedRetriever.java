package dev.docent.monitoring;

import dev.docent.answering.Retriever;
import dev.docent.retrieval.Retrieval;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;

/** Times the retrieval stage ({@code docent_retrieval_duration_seconds}) without touching the answering code. */
@Decorator
@Priority(10)
public class TimedRetriever implements Retriever {

    private final Retriever delegate;
    private final AnswerMetrics metrics;

    @Inject
    TimedRetriever(@Delegate @Any Retriever delegate, AnswerMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public Retrieval retrieve(String query, Set<String> groups, String collection) {
        long start = System.nanoTime();
        try {
            return delegate.retrieve(query, groups, collection);
        } finally {
            metrics.retrieval(collection, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
