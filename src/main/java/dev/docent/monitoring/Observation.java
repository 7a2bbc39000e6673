package dev.docent.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What monitoring keeps about one recorded answer ({@code answer_observations}): enough for the metrics, the
 * degradation checks and the Operations page, without the question's or the answer's text.
 *
 * @param collection the collection searched, or null for all
 * @param groundedness the share of supported sentences (model answers only), or null
 * @param citationWarning a model answer was left citing nothing
 * @param traceId the answer's OpenTelemetry trace, or null when tracing is off
 * @param concise the model was asked for a short answer (by the asker or by configuration)
 * @param stagesMs where the time to first token went, per stage in order ({@link
 *     dev.docent.system.FirstTokenStages.Stage#code()}), in milliseconds; empty when the answer was not clocked
 */
public record Observation(
        UUID messageId,
        Instant observedAt,
        AnswerResult result,
        String provider,
        String model,
        String collection,
        String promptVersion,
        Long firstTokenMs,
        Long totalMs,
        Integer promptTokens,
        Integer completionTokens,
        BigDecimal costUsd,
        boolean citationWarning,
        Double groundedness,
        String traceId,
        boolean concise,
        Map<String, Double> stagesMs) {

    public Observation {
        stagesMs = stagesMs == null ? Map.of() : stagesMs;
    }
}
