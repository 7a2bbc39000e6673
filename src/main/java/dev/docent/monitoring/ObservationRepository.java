package dev.docent.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.gaps.PiiMask;
import dev.docent.system.FirstTokenStages;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Owns {@code answer_observations}: one row per recorded chat answer, deleted with its message. */
@ApplicationScoped
public class ObservationRepository {

    private final Jdbc jdbc;
    private final ObjectMapper json;

    ObservationRepository(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Keeps {@code o}; a message observed twice keeps its first observation. */
    public void save(Observation o) {
        jdbc.update(
                """
                INSERT INTO answer_observations (message_id, observed_at, outcome, provider, model, collection,
                                                 prompt_version, first_token_ms, total_ms, prompt_tokens,
                                                 completion_tokens, cost_usd, citation_warning, groundedness, trace_id,
                                                 concise, stages_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (message_id) DO NOTHING
                """,
                o.messageId(),
                java.sql.Timestamp.from(o.observedAt()),
                o.result().code(),
                o.provider(),
                o.model(),
                o.collection(),
                o.promptVersion(),
                o.firstTokenMs(),
                o.totalMs(),
                o.promptTokens(),
                o.completionTokens(),
                o.costUsd(),
                o.citationWarning(),
                o.groundedness(),
                o.traceId(),
                o.concise(),
                stagesJson(o.stagesMs()));
    }

    /** The latest verdict on an answer (up or down), kept here so the checks compare rates without reading feedback. */
    public void rate(UUID messageId, String rating) {
        jdbc.update("UPDATE answer_observations SET rating = ? WHERE message_id = ?", rating, messageId);
    }

    public Optional<Observation> find(UUID messageId) {
        return jdbc.one("""
                SELECT message_id, observed_at, outcome, provider, model, collection, prompt_version, first_token_ms,
                       total_ms, prompt_tokens, completion_tokens, cost_usd, citation_warning, groundedness, trace_id, concise,
                       stages_ms
                FROM answer_observations WHERE message_id = ?
                """, this::map, messageId);
    }

    /**
     * Model answers scored below {@code level}, newest first. A read-only report query: it reads the question and the
     * answer from chat's {@code messages} beside this table's score, and writes nothing.
     */
    public List<LowGroundedAnswer> below(double level, int limit) {
        return jdbc.list(
                """
                SELECT o.message_id, m.created_at, m.question, m.answer, o.groundedness, o.provider, o.model,
                       o.prompt_version, o.trace_id
                FROM answer_observations o
                JOIN messages m ON m.id = o.message_id
                WHERE o.groundedness < ?
                ORDER BY m.created_at DESC
                LIMIT ?
                """,
                row -> new LowGroundedAnswer(
                        row.getObject("message_id", UUID.class),
                        Jdbc.instant(row, "created_at"),
                        PiiMask.mask(row.getString("question")),
                        row.getString("answer"),
                        row.getDouble("groundedness"),
                        row.getString("provider"),
                        row.getString("model"),
                        row.getString("prompt_version"),
                        row.getString("trace_id")),
                level,
                limit);
    }

    /**
     * The answers of [{@code from}, {@code to}) per hour or day (UTC), {@code unit} "hour" or "day"; buckets without
     * answers are left out. Stopped answers count in {@code stopped} only, not in the answered rate's denominator.
     */
    public List<Operations.AnswerBucket> buckets(Instant from, Instant to, String unit) {
        return jdbc.list(
                """
                SELECT date_trunc(?, observed_at, 'UTC') AS start,
                       count(*) FILTER (WHERE outcome <> 'stopped') AS answers,
                       count(*) FILTER (WHERE outcome IN ('answered', 'curated')) AS answered,
                       count(*) FILTER (WHERE outcome = 'no_content') AS no_content,
                       count(*) FILTER (WHERE outcome = 'abstained') AS abstained,
                       count(*) FILTER (WHERE outcome = 'fallback') AS fallback,
                       count(*) FILTER (WHERE outcome = 'stopped') AS stopped,
                       count(rating) AS rated,
                       count(*) FILTER (WHERE rating = 'down') AS down,
                       count(groundedness) AS scored,
                       avg(groundedness) AS groundedness,
                       count(first_token_ms) AS timed,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY first_token_ms) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY first_token_ms) AS p95
                FROM answer_observations
                WHERE observed_at >= ? AND observed_at < ?
                GROUP BY 1 ORDER BY 1
                """,
                row -> new Operations.AnswerBucket(
                        Jdbc.instant(row, "start"),
                        row.getLong("answers"),
                        row.getLong("answered"),
                        row.getLong("no_content"),
                        row.getLong("abstained"),
                        row.getLong("fallback"),
                        row.getLong("stopped"),
                        row.getLong("rated"),
                        row.getLong("down"),
                        row.getLong("scored"),
                        Jdbc.nullableDouble(row, "groundedness"),
                        row.getLong("timed"),
                        Jdbc.nullableDouble(row, "p50"),
                        Jdbc.nullableDouble(row, "p95")),
                unit,
                from,
                to);
    }

    /** Tokens and estimated cost per day (UTC) by provider and model, for the answers a model wrote. */
    public List<Operations.ModelDay> usageByModel(Instant from, Instant to) {
        return jdbc.list(
                """
                SELECT date_trunc('day', observed_at, 'UTC') AS day, coalesce(provider, 'none') AS provider,
                       coalesce(model, 'none') AS model, count(*) AS answers,
                       coalesce(sum(prompt_tokens), 0) AS tokens_in, coalesce(sum(completion_tokens), 0) AS tokens_out,
                       coalesce(sum(cost_usd), 0) AS cost
                FROM answer_observations
                WHERE observed_at >= ? AND observed_at < ? AND prompt_version IS NOT NULL
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """,
                row -> new Operations.ModelDay(
                        Jdbc.instant(row, "day"),
                        row.getString("provider"),
                        row.getString("model"),
                        row.getLong("answers"),
                        row.getLong("tokens_in"),
                        row.getLong("tokens_out"),
                        row.getBigDecimal("cost")),
                from,
                to);
    }

    /**
     * Per day (UTC), the answers no model wrote: extractive ones (including fallbacks) and those below the
     * similarity or answerability threshold, beside the model's.
     */
    public List<Operations.NoModelDay> noModelByDay(Instant from, Instant to) {
        return jdbc.list(
                """
                SELECT date_trunc('day', observed_at, 'UTC') AS day, count(*) AS answers,
                       count(*) FILTER (WHERE prompt_version IS NULL AND outcome IN ('answered', 'fallback'))
                           AS extractive,
                       count(*) FILTER (WHERE prompt_version IS NULL AND outcome IN ('no_content', 'abstained'))
                           AS below,
                       count(*) FILTER (WHERE prompt_version IS NOT NULL) AS model
                FROM answer_observations
                WHERE observed_at >= ? AND observed_at < ? AND outcome <> 'stopped'
                GROUP BY 1 ORDER BY 1
                """,
                row -> new Operations.NoModelDay(
                        Jdbc.instant(row, "day"),
                        row.getLong("answers"),
                        row.getLong("extractive"),
                        row.getLong("below"),
                        row.getLong("model")),
                from,
                to);
    }

    /**
     * Per provider and model with concise answers in [{@code from}, {@code to}): its concise and full-length answers
     * (model answers that went out whole: no stopped, fallback or unanswered ones) with their mean output tokens and
     * cost, from which {@link Operations.ConciseSavings} estimates what being concise saved.
     */
    public List<Operations.ConciseSavings> conciseSavings(Instant from, Instant to) {
        return jdbc.list(
                """
                SELECT coalesce(provider, 'none') AS provider, coalesce(model, 'none') AS model,
                       count(*) FILTER (WHERE concise) AS concise_answers,
                       count(*) FILTER (WHERE NOT concise) AS full_answers,
                       avg(completion_tokens) FILTER (WHERE concise) AS concise_tokens,
                       avg(completion_tokens) FILTER (WHERE NOT concise) AS full_tokens,
                       avg(coalesce(cost_usd, 0)) FILTER (WHERE concise) AS concise_cost,
                       avg(coalesce(cost_usd, 0)) FILTER (WHERE NOT concise) AS full_cost
                FROM answer_observations
                WHERE observed_at >= ? AND observed_at < ? AND prompt_version IS NOT NULL AND outcome = 'answered'
                  AND completion_tokens IS NOT NULL
                GROUP BY 1, 2 HAVING count(*) FILTER (WHERE concise) > 0
                ORDER BY 1, 2
                """,
                row -> Operations.ConciseSavings.of(
                        row.getString("provider"),
                        row.getString("model"),
                        row.getLong("concise_answers"),
                        row.getLong("full_answers"),
                        row.getDouble("concise_tokens"),
                        Jdbc.nullableDouble(row, "full_tokens"),
                        row.getDouble("concise_cost"),
                        Jdbc.nullableDouble(row, "full_cost")),
                from,
                to);
    }

    private Observation map(ResultSet row) throws SQLException {
        return new Observation(
                row.getObject("message_id", UUID.class),
                Jdbc.instant(row, "observed_at"),
                AnswerResult.valueOf(row.getString("outcome").toUpperCase(java.util.Locale.ROOT)),
                row.getString("provider"),
                row.getString("model"),
                row.getString("collection"),
                row.getString("prompt_version"),
                (Long) row.getObject("first_token_ms"),
                (Long) row.getObject("total_ms"),
                (Integer) row.getObject("prompt_tokens"),
                (Integer) row.getObject("completion_tokens"),
                (BigDecimal) row.getObject("cost_usd"),
                row.getBoolean("citation_warning"),
                Jdbc.nullableDouble(row, "groundedness"),
                row.getString("trace_id"),
                row.getBoolean("concise"),
                stages(row.getString("stages_ms")));
    }

    private String stagesJson(Map<String, Double> stages) {
        if (stages.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(stages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stage timings are plain numbers", e);
        }
    }

    /** The stored stages in the order an answer goes through them (jsonb keeps no key order). */
    private Map<String, Double> stages(String stored) {
        if (stored == null) {
            return Map.of();
        }
        Map<String, Double> read;
        try {
            read = json.readValue(stored, new TypeReference<Map<String, Double>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer's stages_ms is not a JSON object of numbers", e);
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (FirstTokenStages.Stage stage : FirstTokenStages.Stage.values()) {
            Double ms = read.remove(stage.code());
            if (ms != null) {
                ordered.put(stage.code(), ms);
            }
        }
        ordered.putAll(read);
        return ordered;
    }
}
