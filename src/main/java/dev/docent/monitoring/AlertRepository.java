package dev.docent.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Owns {@code monitoring_alerts}, and reads {@code answer_observations} for the checks: the statistics of a time
 * window and the model or prompt version first seen in one.
 */
@ApplicationScoped
public class AlertRepository {

    private final Jdbc jdbc;
    private final ObjectMapper json;

    AlertRepository(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The recorded answers of [{@code from}, {@code to}). */
    WindowStats window(Instant from, Instant to) {
        return jdbc.one(
                        """
                        SELECT count(*) AS answers,
                               count(*) FILTER (WHERE outcome IN ('answered', 'curated')) AS answered,
                               count(*) FILTER (WHERE outcome = 'fallback') AS fallbacks,
                               count(rating) AS rated,
                               count(*) FILTER (WHERE rating = 'down') AS down,
                               count(*) FILTER (WHERE citation_warning) AS warnings,
                               count(groundedness) AS scored,
                               coalesce(avg(groundedness), 0) AS grounded_mean,
                               coalesce(var_samp(groundedness), 0) AS grounded_var,
                               count(first_token_ms) AS timed,
                               coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY first_token_ms), 0) AS ttft_p95,
                               coalesce(avg(coalesce(cost_usd, 0)), 0) AS cost
                        FROM answer_observations
                        WHERE observed_at >= ? AND observed_at < ? AND outcome <> 'stopped'
                        """,
                        row -> new WindowStats(
                                row.getLong("answers"),
                                row.getLong("answered"),
                                row.getLong("fallbacks"),
                                row.getLong("rated"),
                                row.getLong("down"),
                                row.getLong("warnings"),
                                row.getLong("scored"),
                                row.getDouble("grounded_mean"),
                                row.getDouble("grounded_var"),
                                row.getLong("timed"),
                                row.getDouble("ttft_p95"),
                                row.getDouble("cost"),
                                0,
                                0,
                                Map.of()),
                        from,
                        to)
                .orElseThrow();
    }

    /** A model or prompt version whose first answer falls in [{@code from}, {@code to}), as "model stub, prompt v3". */
    Optional<String> firstSeen(Instant from, Instant to) {
        return jdbc.one(
                """
                SELECT coalesce(model, 'none') AS model, coalesce(prompt_version, 'none') AS prompt,
                       min(observed_at) AS first
                FROM answer_observations
                WHERE observed_at < ? AND prompt_version IS NOT NULL
                GROUP BY 1, 2
                HAVING min(observed_at) >= ?
                ORDER BY first
                LIMIT 1
                """,
                row -> "model " + row.getString("model") + ", prompt version " + row.getString("prompt")
                        + " first answered at " + Jdbc.instant(row, "first"),
                to,
                from);
    }

    Optional<Alert> open(DegradationCheck check) {
        return jdbc.one(
                "SELECT * FROM monitoring_alerts WHERE check_name = ? AND cleared_at IS NULL", this::map, check.code());
    }

    Alert raise(DegradationCheck check, Instant at, Map<String, Object> evidence, String precedingChange) {
        long id = jdbc.one("""
                        INSERT INTO monitoring_alerts (check_name, raised_at, evidence, preceding_change)
                        VALUES (?, ?, ?::jsonb, ?) RETURNING id
                        """, row -> row.getLong(1), check.code(), at, write(evidence), precedingChange)
                .orElseThrow();
        return new Alert(id, check.code(), at, null, evidence, precedingChange);
    }

    void clear(long id, Instant at) {
        jdbc.update("UPDATE monitoring_alerts SET cleared_at = ? WHERE id = ?", at, id);
    }

    /** Open alerts first, then the latest cleared ones. */
    public List<Alert> recent(int limit) {
        return jdbc.list(
                "SELECT * FROM monitoring_alerts ORDER BY cleared_at IS NULL DESC, raised_at DESC LIMIT ?",
                this::map,
                limit);
    }

    private Alert map(ResultSet row) throws SQLException {
        try {
            return new Alert(
                    row.getLong("id"),
                    row.getString("check_name"),
                    Jdbc.instant(row, "raised_at"),
                    Jdbc.instant(row, "cleared_at"),
                    json.readValue(row.getString("evidence"), new TypeReference<Map<String, Object>>() {}),
                    row.getString("preceding_change"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert's evidence is not JSON", e);
        }
    }

    private String write(Map<String, Object> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
