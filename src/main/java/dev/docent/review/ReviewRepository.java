package dev.docent.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Owns {@code answer_reviews}. The queue and the vouched-for answers are read-only report queries over chat's
 * {@code messages}, monitoring's {@code answer_observations} and feedback's {@code answer_feedback} beside this table,
 * as monitoring's own review list does: they write nothing there.
 */
@ApplicationScoped
class ReviewRepository {

    private static final TypeReference<List<RecordedAnswer.Cited>> CITED = new TypeReference<>() {};
    private static final TypeReference<List<RecordedAnswer.Retrieved>> RETRIEVED = new TypeReference<>() {};

    /** The queue's rows with why each is there; {@code ?} is the groundedness level. */
    private static final String QUEUE = """
            WITH queue AS (
                SELECT m.id, m.created_at, m.question, m.answer, m.answered, m.provider, m.model,
                       m.citations::text AS citations, o.groundedness, coalesce(o.citation_warning, false) AS uncited,
                       f.rating, f.reason, f.comment, r.verdict, r.correction, r.reviewed_by, r.reviewed_at,
                       coalesce(f.rating = 'down', false) AS thumbs_down,
                       coalesce(o.groundedness < ?, false) AS low_groundedness
                FROM messages m
                LEFT JOIN answer_observations o ON o.message_id = m.id
                LEFT JOIN answer_feedback f ON f.message_id = m.id
                LEFT JOIN answer_reviews r ON r.message_id = m.id
                WHERE m.id IN (SELECT message_id FROM answer_feedback WHERE rating = 'down'
                               UNION
                               SELECT message_id FROM answer_observations
                               WHERE citation_warning OR groundedness < ?)
            )
            SELECT *, count(*) OVER () AS total FROM queue
            WHERE %s
            ORDER BY created_at DESC, id
            LIMIT ? OFFSET ?
            """;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    /** A page of the queue, as stored (not masked), with the total count of matching answers. */
    record Page(List<Row> rows, int total) {}

    /** One queue row before masking and citation lookup. */
    record Row(
            UUID messageId,
            Instant askedAt,
            String question,
            String answer,
            boolean answered,
            String provider,
            String model,
            List<String> reasons,
            Double groundedness,
            boolean uncited,
            List<RecordedAnswer.Cited> citations,
            String rating,
            String reason,
            String comment,
            ReviewItem.Verdict review) {}

    Page queue(ReviewFilter filter, double level, int offset, int limit) {
        List<String> where = new ArrayList<>(List.of("true"));
        List<Object> params = new ArrayList<>(List.of(level, level));
        filter.reason()
                .ifPresent(r -> where.add(
                        switch (r) {
                            case THUMBS_DOWN -> "thumbs_down";
                            case UNCITED -> "uncited";
                            case LOW_GROUNDEDNESS -> "low_groundedness";
                        }));
        filter.feedbackReason().ifPresent(r -> {
            where.add("thumbs_down AND reason = ?");
            params.add(r.code());
        });
        switch (filter.status()) {
            case OPEN -> where.add("verdict IS NULL");
            case REVIEWED -> where.add("verdict IS NOT NULL");
            case ALL -> {}
        }
        params.add(limit);
        params.add(offset);
        int[] total = {0};
        List<Row> rows = jdbc.list(
                QUEUE.formatted(String.join(" AND ", where)),
                row -> {
                    total[0] = row.getInt("total");
                    return row(row);
                },
                params.toArray());
        if (rows.isEmpty() && offset > 0) {
            // Past the last page: still tell how many there are.
            total[0] = jdbc.one(
                            "SELECT count(*) FROM (" + QUEUE.formatted(String.join(" AND ", where)) + ") q",
                            r -> r.getInt(1),
                            withPaging(params, Integer.MAX_VALUE, 0))
                    .orElse(0);
        }
        return new Page(rows, total[0]);
    }

    private static Object[] withPaging(List<Object> params, int limit, int offset) {
        List<Object> all = new ArrayList<>(params);
        all.set(all.size() - 2, limit);
        all.set(all.size() - 1, offset);
        return all.toArray();
    }

    private Row row(ResultSet row) throws SQLException {
        List<String> reasons = new ArrayList<>();
        if (row.getBoolean("thumbs_down")) {
            reasons.add(ReviewReason.THUMBS_DOWN.code());
        }
        if (row.getBoolean("uncited")) {
            reasons.add(ReviewReason.UNCITED.code());
        }
        if (row.getBoolean("low_groundedness")) {
            reasons.add(ReviewReason.LOW_GROUNDEDNESS.code());
        }
        String verdict = row.getString("verdict");
        return new Row(
                row.getObject("id", UUID.class),
                Jdbc.instant(row, "created_at"),
                row.getString("question"),
                row.getString("answer"),
                row.getBoolean("answered"),
                row.getString("provider"),
                row.getString("model"),
                reasons,
                Jdbc.nullableDouble(row, "groundedness"),
                row.getBoolean("uncited"),
                read(row.getString("citations"), CITED),
                row.getString("rating"),
                row.getString("reason"),
                row.getString("comment"),
                verdict == null
                        ? null
                        : new ReviewItem.Verdict(
                                verdict,
                                row.getString("correction"),
                                row.getString("reviewed_by"),
                                Jdbc.instant(row, "reviewed_at")));
    }

    /** Stores (or replaces) the verdict on a recorded answer; empty when there is no such answer. */
    Optional<ReviewItem.Verdict> save(UUID messageId, String verdict, String correction, String reviewer) {
        return jdbc.one(
                """
                INSERT INTO answer_reviews (message_id, verdict, correction, reviewed_by)
                SELECT id, ?, ?, ? FROM messages WHERE id = ?
                ON CONFLICT (message_id) DO UPDATE
                SET verdict = excluded.verdict, correction = excluded.correction,
                    reviewed_by = excluded.reviewed_by, reviewed_at = now()
                RETURNING verdict, correction, reviewed_by, reviewed_at
                """,
                row -> new ReviewItem.Verdict(
                        row.getString(1), row.getString(2), row.getString(3), Jdbc.instant(row, "reviewed_at")),
                verdict,
                correction,
                reviewer,
                messageId);
    }

    /**
     * Answers users rated helpful (no reviewer found them incorrect) and answers a reviewer judged, newest first: what
     * evaluation sets and training data are built from.
     *
     * @param helpful the helpful-rated ones, or else the reviewed ones
     */
    List<RecordedAnswer> vouched(boolean helpful, int limit) {
        String which = helpful
                ? "f.rating = 'up' AND m.answered AND (r.verdict IS NULL OR r.verdict = 'correct')"
                : "r.verdict IS NOT NULL";
        return jdbc.list(
                """
                SELECT m.id, m.question, m.answer, m.answered, m.citations::text AS citations,
                       m.retrieved::text AS retrieved, coalesce(f.rating = 'up', false) AS helpful,
                       r.verdict, r.correction
                FROM messages m
                LEFT JOIN answer_feedback f ON f.message_id = m.id
                LEFT JOIN answer_reviews r ON r.message_id = m.id
                WHERE %s
                ORDER BY m.created_at DESC, m.id
                LIMIT ?
                """.formatted(which),
                row -> new RecordedAnswer(
                        row.getObject("id", UUID.class),
                        row.getString("question"),
                        row.getString("answer"),
                        row.getBoolean("answered"),
                        read(row.getString("citations"), CITED),
                        read(row.getString("retrieved"), RETRIEVED),
                        row.getBoolean("helpful"),
                        row.getString("verdict"),
                        row.getString("correction")),
                limit);
    }

    /** Reviews of these answers (the personal-data export of whoever asked them). */
    List<Map<String, Object>> reviewsOf(List<UUID> messageIds) {
        return jdbc.list(
                "SELECT message_id, verdict, correction, reviewed_at FROM answer_reviews"
                        + " WHERE message_id = ANY (?::uuid[]) ORDER BY reviewed_at",
                row -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("messageId", row.getObject("message_id", UUID.class));
                    m.put("verdict", row.getString("verdict"));
                    m.put("correction", row.getString("correction"));
                    m.put("reviewedAt", Jdbc.instant(row, "reviewed_at"));
                    return m;
                },
                messageIds.stream().map(UUID::toString).toList());
    }

    /** Replaces an erased reviewer's name on their reviews; how many named them. */
    int forgetReviewer(String name, String replacement) {
        return jdbc.update("UPDATE answer_reviews SET reviewed_by = ? WHERE reviewed_by = ?", replacement, name);
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded answer's JSON cannot be read", e);
        }
    }
}
