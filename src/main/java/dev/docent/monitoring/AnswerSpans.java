package dev.docent.monitoring;

import dev.docent.answering.AnswerStream;
import dev.docent.answering.Answerer;
import dev.docent.answering.Context;
import dev.docent.answering.ContextAssembler;
import dev.docent.answering.Draft;
import dev.docent.answering.QueryRewriter;
import dev.docent.answering.Question;
import dev.docent.llm.Cancellation;
import dev.docent.llm.Provider;
import dev.docent.retrieval.Passage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Spans for the answering stages, as CDI decorators, so the answering code stays free of tracing. */
final class AnswerSpans {

    private AnswerSpans() {}

    /** Runs {@code work} in a child span of the current one named {@code name}; an exception is recorded on it. */
    static <T> T inSpan(Tracer tracer, String name, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The "rewrite" span. */
    @Decorator
    @Priority(10)
    static class TracedQueryRewriter implements QueryRewriter {

        private final QueryRewriter delegate;
        private final Tracer tracer;

        @Inject
        TracedQueryRewriter(@Delegate @Any QueryRewriter delegate, Tracer tracer) {
            this.delegate = delegate;
            this.tracer = tracer;
        }

        @Override
        public String rewrite(String question, Question.History history, Cancellation cancellation) {
            return inSpan(tracer, "rewrite", () -> delegate.rewrite(question, history, cancellation));
        }
    }

    /** The "context assembly" span. */
    @Decorator
    @Priority(10)
    static class TracedContextAssembler implements ContextAssembler {

        private final ContextAssembler delegate;
        private final Tracer tracer;

        @Inject
        TracedContextAssembler(@Delegate @Any ContextAssembler delegate, Tracer tracer) {
            this.delegate = delegate;
            this.tracer = tracer;
        }

        @Override
        public Context assemble(List<Passage> passages) {
            return inSpan(tracer, "context assembly", () -> delegate.assemble(passages));
        }
    }

    /** The "model call" span (or "extractive answer" when no model writes), with the first token as an event. */
    @Decorator
    @Priority(10)
    static class TracedAnswerer implements Answerer {

        private final Answerer delegate;
        private final Tracer tracer;

        @Inject
        TracedAnswerer(@Delegate @Any Answerer delegate, Tracer tracer) {
            this.delegate = delegate;
            this.tracer = tracer;
        }

        @Override
        public Optional<Provider> author(Context context) {
            return delegate.author(context);
        }

        @Override
        public Draft answer(Task task, AnswerStream out) {
            String name = task.author().isPresent() && task.confident() ? "model call" : "extractive answer";
            Span span = tracer.spanBuilder(name).startSpan();
            task.author().ifPresent(p -> {
                span.setAttribute("docent.provider", p.name());
                span.setAttribute("docent.model", p.model() == null ? "" : p.model());
            });
            try (Scope ignored = span.makeCurrent()) {
                Draft draft = delegate.answer(task, out);
                span.setAttribute("docent.answered", draft.answered());
                return draft;
            } catch (RuntimeException e) {
                span.recordException(e);
                throw e;
            } finally {
                span.end();
            }
        }
    }
}
