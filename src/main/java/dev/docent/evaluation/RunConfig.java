package dev.docent.evaluation;

import dev.docent.answering.AnswerVariant;
import dev.docent.retrieval.RetrievalConfig;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;

/**
 * The configuration a run answers with: every field left out keeps the live configuration's value.
 *
 * @param mode retrieval mode: hybrid, vector or keyword
 * @param k passages retrieval returns (hit@10 needs at least 10)
 * @param candidates passages each search contributes to the fusion
 * @param minSimilarity the confidence threshold ({@code docent.answer.min-similarity})
 * @param minAnswerability the answerability threshold ({@code docent.answer.min-answerability})
 * @param provider auto (as configured), extractive, local or cloud
 * @param concise ask the model for short answers
 * @param promptVersion the answer prompt version to answer with ({@code answer-v2}), without promoting it
 * @param judge have the configured model score each answer (model-as-judge)
 */
public record RunConfig(
        @Pattern(regexp = "(?i)hybrid|vector|keyword", message = RunConfig.MODE)
        String mode,

        @Min(value = 1, message = RunConfig.K) @Max(value = 100, message = RunConfig.K)
        Integer k,

        @Min(value = 1, message = RunConfig.CANDIDATES) @Max(value = 1000, message = RunConfig.CANDIDATES)
        Integer candidates,

        @DecimalMin(value = "-1", message = RunConfig.SIMILARITY)
        @DecimalMax(value = "1", message = RunConfig.SIMILARITY)
        Double minSimilarity,

        @DecimalMin(value = "0", message = RunConfig.ANSWERABILITY)
        @DecimalMax(value = "1", message = RunConfig.ANSWERABILITY)
        Double minAnswerability,

        @Pattern(regexp = "auto|extractive|local|cloud", message = RunConfig.PROVIDER)
        String provider,

        Boolean concise,

        @Pattern(regexp = "answer-v[0-9]{1,6}", message = RunConfig.PROMPT_VERSION)
        String promptVersion,

        Boolean judge) {

    static final String MODE = "'config.mode' must be hybrid, vector or keyword.";
    static final String K = "'config.k' must be between 1 and 100.";
    static final String CANDIDATES = "'config.candidates' must be between 1 and 1000.";
    static final String SIMILARITY = "'config.minSimilarity' must be between -1 and 1.";
    static final String ANSWERABILITY = "'config.minAnswerability' must be between 0 and 1.";
    static final String PROVIDER = "'config.provider' must be auto, extractive, local or cloud.";
    static final String PROMPT_VERSION = "'config.promptVersion' must name an answer prompt version, like answer-v2.";

    /** The live configuration. */
    public static RunConfig live() {
        return new RunConfig(null, null, null, null, null, null, null, null, null);
    }

    /** The variant the answering stages apply. */
    AnswerVariant variant() {
        return new AnswerVariant(
                mode == null ? null : RetrievalConfig.Mode.valueOf(mode.toUpperCase(Locale.ROOT)),
                k,
                candidates,
                minSimilarity,
                minAnswerability,
                provider == null ? "auto" : provider,
                promptVersion);
    }
}
