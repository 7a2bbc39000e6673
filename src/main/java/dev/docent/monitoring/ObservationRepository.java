package dev.docent.monitoring;

import dev.docent.gaps.PiiMask;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Owns {@code answer_observations}: one row per recorded chat answer, deleted with its message. */
@ApplicationScoped
public class ObservationRepository {

    private final Jdbc jdbc;

    ObservationRepository(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** Keeps {@code o}; a message observed twice keeps its first observation. */
    public void save(Observation o) {
        jdbc.update(
                """
                INSERT INTO answer_observations (message_id, observed_at, outcome, provider, model, collection,
                                                 prompt_version, first_token_ms, total_ms, prompt_tokens,
                                                 completion_tokens, cost_usd, citation_warning, groundedness, trace_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                o.traceId());
    }

    /** The latest verdict on an answer (up or down), kept here so the checks compare rates without reading feedback. */
    public void rate(UUID messageId, String rating) {
        jdbc.update("UPDATE answer_observations SET rating = ? WHERE message_id = ?", rating, messageId);
    }

    public Optional<Observation> find(UUID messageId) {
        return jdbc.one("""
                SELECT message_id, observed_at, outcome, provider, model, collection, prompt_version, first_token_ms,
                       total_ms, prompt_tokens, completion_tokens, cost_usd, citation_warning, groundedness, trace_id
                FROM answer_observations WHERE message_id = ?
                """, ObservationRepository::map, messageId);
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

    private static Observation map(ResultSet row) throws SQLException {
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
                row.getString("trace_id"));
    }
}
