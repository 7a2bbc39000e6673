package dev.docent.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The answering meters. Every one carries the answer's {@code provider}, {@code model}, {@code collection} ("all" when
 * the asker searched everything) and {@code prompt_version} ("none" for answers no model wrote), so a change of
 * model or prompt shows as a new series. Names follow Micrometer's conventions; Prometheus sees them with units and
 * suffixes ({@code docent_answer_first_token_seconds_bucket}, {@code docent_llm_cost_dollars_total}).
 */
@ApplicationScoped
public class AnswerMetrics {

    static final String ANSWERS = "docent.answers";
    static final String FIRST_TOKEN = "docent.answer.first.token";
    static final String DURATION = "docent.answer.duration";
    static final String RETRIEVAL = "docent.retrieval.duration";
    static final String FIRST_TOKEN_STAGE = "docent.answer.first.token.stage";
    static final String TOKENS = "docent.llm.tokens";
    static final String COST = "docent.llm.cost";
    static final String FEEDBACK = "docent.feedback";
    static final String CITATION_WARNINGS = "docent.answer.citation.warnings";
    static final String GROUNDEDNESS = "docent.answer.groundedness";

    private final MeterRegistry registry;
    private final boolean stageHistograms;

    AnswerMetrics(MeterRegistry registry, MonitoringConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.stageHistograms = config.firstTokenStageHistograms();
    }

    /** The tags of one answer. */
    static Tags tags(String provider, String model, String collection, String promptVersion) {
        return Tags.of(
                "provider", orNone(provider),
                "model", orNone(model),
                "collection", collection == null ? "all" : collection,
                "prompt_version", orNone(promptVersion));
    }

    void answered(Observation o) {
        Tags tags = tags(o.provider(), o.model(), o.collection(), o.promptVersion());
        Counter.builder(ANSWERS)
                .description("Answers given, by how they ended")
                .tags(tags)
                .tag("outcome", o.result().code())
                .register(registry)
                .increment();
        if (o.firstTokenMs() != null) {
            latency(FIRST_TOKEN, "Time from the question to the first piece of the answer", tags)
                    .record(Duration.ofMillis(o.firstTokenMs()));
        }
        o.stagesMs().forEach((stage, ms) -> stage(stage).record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS));
        if (o.totalMs() != null) {
            latency(DURATION, "Time from the question to the recorded answer", tags)
                    .record(Duration.ofMillis(o.totalMs()));
        }
        if (o.promptTokens() != null) {
            tokens(tags, "in").increment(o.promptTokens());
        }
        if (o.completionTokens() != null) {
            tokens(tags, "out").increment(o.completionTokens());
        }
        if (o.costUsd() != null) {
            Counter.builder(COST)
                    .description("Estimated cost of model calls (docent.llm.prices)")
                    .baseUnit("dollars")
                    .tags(tags)
                    .register(registry)
                    .increment(o.costUsd().doubleValue());
        }
        if (o.citationWarning()) {
            Counter.builder(CITATION_WARNINGS)
                    .description("Model answers left citing no passage")
                    .tags(tags)
                    .register(registry)
                    .increment();
        }
        if (o.groundedness() != null) {
            DistributionSummary.builder(GROUNDEDNESS)
                    .description("Share of a model answer's sentences supported by the passages they cite")
                    .baseUnit("ratio")
                    .tags(tags)
                    .serviceLevelObjectives(0.25, 0.5, 0.75, 0.9, 1.0)
                    .register(registry)
                    .record(o.groundedness());
        }
    }

    void rated(Observation o, String rating) {
        Counter.builder(FEEDBACK)
                .description("Thumbs up/down given on answers")
                .tags(tags(o.provider(), o.model(), o.collection(), o.promptVersion()))
                .tag("rating", rating)
                .register(registry)
                .increment();
    }

    void retrieval(String collection, Duration took) {
        Timer.builder(RETRIEVAL)
                .description("Hybrid search (embedding, keyword and vector search, fusion) for one question")
                .tag("collection", collection == null ? "all" : collection)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(took);
    }

    /**
     * One stage of the time to first token ({@link dev.docent.system.FirstTokenStages.Stage}), tagged by stage only:
     * count, sum and max by default; a histogram when {@code docent.monitoring.first-token-stage-histograms} is on.
     */
    private Timer stage(String stage) {
        Timer.Builder timer = Timer.builder(FIRST_TOKEN_STAGE)
                .description("Time spent in one stage on the way to an answer's first token")
                .tag("stage", stage);
        if (stageHistograms) {
            timer.publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30));
        }
        return timer.register(registry);
    }

    private Counter tokens(Tags tags, String direction) {
        return Counter.builder(TOKENS)
                .description("Tokens sent to (in) and written by (out) language models")
                .baseUnit("tokens")
                .tags(tags)
                .tag("direction", direction)
                .register(registry);
    }

    private Timer latency(String name, String description, Tags tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "none" : s;
    }
}
