package dev.docent.monitoring;

import dev.docent.answering.AnswerConfig;
import dev.docent.answering.AnswerRecorder;
import dev.docent.answering.AnswerSink;
import dev.docent.answering.CuratedAnswers;
import dev.docent.answering.Draft;
import dev.docent.answering.Outcome;
import dev.docent.answering.Question;
import dev.docent.answering.UnansweredCause;
import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.llm.AnswerCancelled;
import dev.docent.llm.Cancellation;
import dev.docent.llm.LlmConfig;
import dev.docent.system.FirstTokenStages;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Watches chat answers as they go through the answering path: a decorator on the answer's sink (to see who was to
 * write it and whether a failing model was replaced) and on its recorder (to score groundedness, keep an
 * {@link Observation} and count it). Evaluation runs and replays do not pass through here, so they never count as
 * chat. Monitoring never breaks an answer: a failure to observe is logged, and the answer stands.
 */
@ApplicationScoped
public class AnswerMonitor {

    private static final Logger LOG = Logger.getLogger(AnswerMonitor.class);

    private final AnswerMetrics metrics;
    private final ObservationRepository observations;
    private final AnswerConfig answers;
    private final Traces traces;
    private final Tracer tracer;
    private final LlmConfig llm;

    AnswerMonitor(
            AnswerMetrics metrics,
            ObservationRepository observations,
            AnswerConfig answers,
            Traces traces,
            Tracer tracer,
            LlmConfig llm) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.traces = Objects.requireNonNull(traces, "traces");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.llm = Objects.requireNonNull(llm, "llm");
    }

    /**
     * Starts watching one question's answer: its trace's "answer" span is current on this thread until the watch is
     * closed, so the stages' spans are its children (one trace per answer, also when the answer streams from a
     * worker thread of its own).
     */
    public Watch watch(Question question) {
        Span span = tracer.spanBuilder("answer").startSpan();
        if (question.collection() != null) {
            span.setAttribute("docent.collection", question.collection());
        }
        return new Watch(question, span, span.makeCurrent());
    }

    /** The observation of a finished answer; {@code fellBack}: a model failed and the extractive answerer wrote it. */
    Observation observe(Outcome outcome, boolean fellBack, String traceId) {
        return observe(outcome, fellBack, traceId, FirstTokenStages.current());
    }

    /** The same with the answer's clock ({@code stages}, null when it was not clocked). */
    Observation observe(Outcome outcome, boolean fellBack, String traceId, FirstTokenStages stages) {
        Draft draft = outcome.draft();
        boolean modelWrote = draft.promptVersion() != null;
        boolean uncited = modelWrote && draft.answered() && draft.cited().isEmpty();
        Double groundedness = modelWrote && draft.answered()
                ? Groundedness.of(draft.text(), draft.cited(), answers.minCitationSupport())
                : null;
        return new Observation(
                outcome.question().messageId(),
                outcome.createdAt() == null ? Instant.now() : outcome.createdAt(),
                result(outcome, fellBack),
                draft.provider(),
                draft.model(),
                outcome.question().collection(),
                draft.promptVersion(),
                outcome.firstTokenMs(),
                outcome.totalMs(),
                draft.promptTokens(),
                draft.completionTokens(),
                draft.costUsd(),
                uncited,
                groundedness,
                traceId,
                // As PromptBuilder asks: the asker's wish or the configured default.
                modelWrote && (outcome.question().concise() || llm.prompt().concise()),
                stages != null && stages.complete() ? stages.millis() : Map.of());
    }

    private static AnswerResult result(Outcome outcome, boolean fellBack) {
        if (outcome.stopped()) {
            return AnswerResult.STOPPED;
        }
        if (fellBack) {
            return AnswerResult.FALLBACK;
        }
        if (CuratedAnswers.PROVIDER.equals(outcome.draft().provider())) {
            return AnswerResult.CURATED;
        }
        if (outcome.cause() == UnansweredCause.NO_CONTENT) {
            return AnswerResult.NO_CONTENT;
        }
        if (outcome.cause() == UnansweredCause.ABSTAINED || !outcome.draft().answered()) {
            return AnswerResult.ABSTAINED;
        }
        return AnswerResult.ANSWERED;
    }

    /** One answer being watched; close it on the thread that opened it. */
    public final class Watch implements AutoCloseable {

        private final Question question;
        private final Span span;
        private final Scope scope;
        private volatile AnswerSink.Start start;
        private volatile boolean fellBack;
        private final AtomicBoolean firstToken = new AtomicBoolean();

        private Watch(Question question, Span span, Scope scope) {
            this.question = Objects.requireNonNull(question, "question");
            this.span = span;
            this.scope = scope;
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }

        /** {@code inner}, watched: who is to answer, and whether a failing model was replaced. */
        public AnswerSink sink(AnswerSink inner) {
            return new AnswerSink() {
                @Override
                public void start(Start s) {
                    start = s;
                    inner.start(s);
                }

                @Override
                public void delta(String text) {
                    if (firstToken.compareAndSet(false, true)) {
                        // On the model call's span when the model streams on this thread, else on the answer's.
                        Span current = Span.current();
                        (current.getSpanContext().isValid() ? current : span).addEvent("first token");
                    }
                    inner.delta(text);
                }

                @Override
                public void reset(String reason) {
                    if ("fallback".equals(reason)) {
                        fellBack = true;
                    }
                    inner.reset(reason);
                }

                @Override
                public Cancellation cancellation() {
                    return inner.cancellation();
                }
            };
        }

        /** {@code inner}, then the answer's observation: stored with the answer and counted. */
        public AnswerRecorder recorder(AnswerRecorder inner) {
            return outcome -> {
                Observation observation = observe(outcome, fellBack || replaced(outcome), traces.currentTraceId());
                span.setAttribute("docent.outcome", observation.result().code());
                observation.stagesMs().forEach((stage, ms) -> span.setAttribute("docent.ttft." + stage + "_ms", ms));
                AnswerSpans.inSpan(tracer, "recording", () -> {
                    inner.record(outcome);
                    return null;
                });
                try {
                    observations.save(observation);
                    metrics.answered(observation);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Could not keep the monitoring observation of an answer; the answer itself is recorded", e);
                }
            };
        }

        /** A model was to write the answer, yet the extractive answerer did: the model failed before its first word. */
        private boolean replaced(Outcome outcome) {
            AnswerSink.Start s = start;
            return s != null
                    && "model".equals(s.mode())
                    && ExtractiveAnswerer.PROVIDER.equals(outcome.draft().provider());
        }

        /** The answer failed before it was recorded: counted as an error, or as stopped when the asker stopped it. */
        public void failed(RuntimeException e) {
            span.recordException(e);
            AnswerSink.Start s = start;
            metrics.answered(new Observation(
                    question.messageId(),
                    Instant.now(),
                    e instanceof AnswerCancelled ? AnswerResult.STOPPED : AnswerResult.ERROR,
                    s == null ? null : s.provider(),
                    s == null ? null : s.model(),
                    question.collection(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    traces.currentTraceId(),
                    false,
                    Map.of()));
        }
    }
}
