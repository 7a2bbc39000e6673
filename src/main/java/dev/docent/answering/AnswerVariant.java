package dev.docent.answering;

import dev.docent.retrieval.RetrievalConfig;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A variant of the configured answering settings, for one evaluation run: every field left null keeps the configured
 * value. The stages read it from the answering thread ({@link #current()}) rather than from a new parameter, so the
 * stage interfaces and {@link Question} stay as chat uses them and a variant can never leak into a chat answer (chat
 * threads never set one).
 *
 * @param mode retrieval mode (vector, keyword, hybrid)
 * @param k passages retrieval returns
 * @param candidates passages each search contributes to the fusion
 * @param minSimilarity {@code docent.answer.min-similarity} for this run
 * @param minAnswerability {@code docent.answer.min-answerability} for this run
 * @param provider who writes the answers: {@code auto} (as configured), {@code extractive}, {@code local} or {@code
 *     cloud}
 * @param promptVersion the answer prompt version a model writes from ({@code answer-v2}), null for the active one
 */
public record AnswerVariant(
        RetrievalConfig.Mode mode,
        Integer k,
        Integer candidates,
        Double minSimilarity,
        Double minAnswerability,
        String provider,
        String promptVersion) {

    private static final ThreadLocal<AnswerVariant> CURRENT = new ThreadLocal<>();

    /** A variant with the active prompt version. */
    public AnswerVariant(
            RetrievalConfig.Mode mode,
            Integer k,
            Integer candidates,
            Double minSimilarity,
            Double minAnswerability,
            String provider) {
        this(mode, k, candidates, minSimilarity, minAnswerability, provider, null);
    }

    /** The variant of the answer being written on this thread, if any. */
    public static Optional<AnswerVariant> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} (one answer through {@link AnswerPipeline}) with this variant in force on this thread. */
    public <T> T during(Supplier<T> work) {
        AnswerVariant previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
