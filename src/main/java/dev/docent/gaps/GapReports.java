package dev.docent.gaps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.chat.ConversationRepository;
import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The knowledge managers' view of the gaps: cluster lists, one cluster in detail, and the overview. */
@ApplicationScoped
public class GapReports {

    /** A question (and a user's latest question) counts half as much after this many days. */
    static final double HALF_LIFE_DAYS = 7;

    /** A distinct asker weighs this many questions: ten people asking once matter more than one asking ten times. */
    static final double USER_WEIGHT = 2;

    /** Impact: the sum over questions of 0.5^(age/half-life), plus USER_WEIGHT times the same for each user's latest. */
    static final String IMPACT = "questions and users weighted by recency (half-life %s days, a user counts %s)"
            .formatted((int) HALF_LIFE_DAYS, (int) USER_WEIGHT);

    /** Example questions on a cluster's own page. */
    static final int DETAIL_EXAMPLES = 20;

    private static final String LIST = """
            WITH q AS (
                SELECT cluster_id, owner, asked_at,
                       power(0.5, extract(epoch FROM now() - asked_at) / 86400.0 / ?) AS weight
                FROM gap_questions
                WHERE asked_at >= coalesce(?::timestamptz, '-infinity') AND asked_at < coalesce(?::timestamptz, 'infinity')
            ),
            per_user AS (
                SELECT cluster_id, max(weight) AS weight FROM q GROUP BY cluster_id, owner
            ),
            stats AS (
                SELECT cluster_id, count(*) AS count, count(DISTINCT owner) AS users, min(asked_at) AS first_seen,
                       max(asked_at) AS last_seen, sum(weight) AS question_weight
                FROM q GROUP BY cluster_id
            )
            SELECT g.id, g.label, g.status, g.owner, s.count, s.users, s.first_seen, s.last_seen,
                   s.question_weight + ? * (SELECT sum(u.weight) FROM per_user u WHERE u.cluster_id = g.id) AS impact
            FROM gap_clusters g JOIN stats s ON s.cluster_id = g.id
            WHERE (?::text IS NULL OR g.status = ?::text)
              AND (?::text IS NULL OR EXISTS (SELECT 1 FROM gap_questions x WHERE x.cluster_id = g.id AND x.cause = ?::text))
              AND (?::text IS NULL OR EXISTS (SELECT 1 FROM gap_questions x
                                              WHERE x.cluster_id = g.id AND ?::text = ANY (x.collections)))
              AND (?::bigint IS NULL OR g.id = ?::bigint)
            ORDER BY %s, g.id
            LIMIT ?
            """;

    private static final Map<String, String> ORDER = Map.of(
            "impact", "impact DESC",
            "count", "s.count DESC",
            "users", "s.users DESC",
            "lastSeen", "s.last_seen DESC",
            "firstSeen", "s.first_seen ASC");

    @Inject
    Jdbc jdbc;

    @Inject
    ReadReplica replica;

    @Inject
    GapConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    ConversationRepository conversations;

    /** The clusters matching a filter; on the read replica when there is one (after a manager's own changes). */
    public List<GapSummary> list(GapFilter filter) {
        return replica.fresh(GapRepository.GAPS, () -> list(filter, null));
    }

    private List<GapSummary> list(GapFilter filter, Long id) {
        record Row(
                long id,
                String label,
                GapStatus status,
                String owner,
                long count,
                long users,
                Instant first,
                Instant last,
                double impact) {}
        List<Row> rows = jdbc.list(
                LIST.formatted(ORDER.get(filter.sort())),
                row -> new Row(
                        row.getLong("id"),
                        row.getString("label"),
                        GapStatus.stored(row.getString("status")),
                        row.getString("owner"),
                        row.getLong("count"),
                        row.getLong("users"),
                        Jdbc.instant(row, "first_seen"),
                        Jdbc.instant(row, "last_seen"),
                        Math.round(row.getDouble("impact") * 100) / 100.0),
                HALF_LIFE_DAYS,
                filter.fromInstant(),
                filter.toExclusive(),
                USER_WEIGHT,
                filter.status(),
                filter.status(),
                filter.cause(),
                filter.cause(),
                filter.collection(),
                filter.collection(),
                id,
                id,
                filter.limit());
        List<String> ids = rows.stream().map(r -> String.valueOf(r.id())).toList();
        Map<Long, Map<String, Long>> causes = causes(ids, filter);
        Map<Long, List<String>> collections = collections(ids);
        Map<Long, List<GapSummary.Example>> examples = examples(ids, config.examples());
        List<GapSummary> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new GapSummary(
                    r.id(),
                    r.label(),
                    r.count(),
                    r.users(),
                    r.first(),
                    r.last(),
                    r.status(),
                    r.owner(),
                    r.impact(),
                    causes.getOrDefault(r.id(), Map.of()),
                    collections.getOrDefault(r.id(), List.of()),
                    examples.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    /** One cluster with everything the cluster page shows; empty when there is no such cluster. */
    public Optional<GapDetail> detail(long id) {
        return replica.fresh(GapRepository.GAPS, () -> detailOf(id));
    }

    private Optional<GapDetail> detailOf(long id) {
        Optional<GapSummary> found = list(GapFilter.all(), id).stream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GapSummary s = found.get();
        record Workflow(String notes, GapEvidence evidence, Instant updatedAt) {}
        Workflow workflow = jdbc.one(
                        "SELECT notes, evidence::text, updated_at FROM gap_clusters WHERE id = ?",
                        row -> new Workflow(row.getString(1), read(row.getString(2)), Jdbc.instant(row, "updated_at")),
                        id)
                .orElseThrow();
        return Optional.of(new GapDetail(
                s.withExamples(
                        examples(List.of(String.valueOf(id)), DETAIL_EXAMPLES).getOrDefault(id, List.of())),
                workflow.notes(),
                workflow.evidence(),
                workflow.updatedAt(),
                trend(id, s.firstSeen())));
    }

    /**
     * Answered and not answered per day, the causes and the top gaps of the last seven days. A question counts as not
     * answered when it got no answer (the chat's record) or its asker said the answer did not answer it (the gap
     * reports' own feedback questions).
     */
    public GapOverview overview(int days) {
        return replica.lagging(() -> overviewOf(days));
    }

    private GapOverview overviewOf(int days) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Instant since = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<UUID> feedback = jdbc.list(
                "SELECT message_id FROM gap_questions WHERE cause = ? AND asked_at >= ?",
                row -> row.getObject(1, UUID.class),
                GapCause.USER_FEEDBACK.code(),
                since);
        List<GapOverview.Day> perDay = conversations.questionsPerDay(first, today, feedback).stream()
                .map(d -> new GapOverview.Day(
                        d.day().toString(),
                        d.questions(),
                        d.questions() - d.unanswered(),
                        d.unanswered(),
                        rate(d.questions() - d.unanswered(), d.questions()),
                        rate(d.unanswered(), d.questions()),
                        d.purged()))
                .toList();
        Map<String, Long> causes = new LinkedHashMap<>();
        GapCause.ALL.forEach(c -> causes.put(c, 0L));
        jdbc.list(
                "SELECT cause, count(*) FROM gap_questions WHERE asked_at >= ? GROUP BY cause",
                row -> causes.put(row.getString(1), row.getLong(2)),
                since);
        GapFilter week = new GapFilter(null, null, null, today.minusDays(6), today, "impact", 5);
        Map<GapStatus, Long> statuses = new EnumMap<>(GapStatus.class);
        jdbc.list(
                "SELECT status, count(*) FROM gap_clusters GROUP BY status",
                row -> statuses.put(GapStatus.stored(row.getString(1)), row.getLong(2)));
        return new GapOverview(
                first.toString(),
                today.toString(),
                perDay,
                causes,
                list(week),
                statuses.getOrDefault(GapStatus.OPEN, 0L) + statuses.getOrDefault(GapStatus.IN_PROGRESS, 0L),
                statuses.getOrDefault(GapStatus.LIKELY_RESOLVED, 0L));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** Questions per cause, per cluster (the list's clusters in one query each, not one per cluster). */
    private Map<Long, Map<String, Long>> causes(List<String> ids, GapFilter filter) {
        Map<Long, Map<String, Long>> causes = new HashMap<>();
        jdbc.list(
                """
                SELECT cluster_id, cause, count(*) FROM gap_questions
                WHERE cluster_id = ANY (?::bigint[]) AND asked_at >= coalesce(?::timestamptz, '-infinity')
                  AND asked_at < coalesce(?::timestamptz, 'infinity')
                GROUP BY cluster_id, cause ORDER BY count(*) DESC, cause
                """,
                row -> causes.computeIfAbsent(row.getLong(1), k -> new LinkedHashMap<>())
                        .put(row.getString(2), row.getLong(3)),
                ids,
                filter.fromInstant(),
                filter.toExclusive());
        return causes;
    }

    private Map<Long, List<String>> collections(List<String> ids) {
        Map<Long, List<String>> collections = new HashMap<>();
        jdbc.list(
                """
                SELECT cluster_id, c FROM gap_questions, unnest(collections) c WHERE cluster_id = ANY (?::bigint[])
                GROUP BY cluster_id, c ORDER BY count(*) DESC, c
                """,
                row -> collections
                        .computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(row.getString(2)),
                ids);
        return collections;
    }

    /** The most recent questions of each cluster, masked. */
    private Map<Long, List<GapSummary.Example>> examples(List<String> ids, int limit) {
        Map<Long, List<GapSummary.Example>> examples = new HashMap<>();
        jdbc.list(
                """
                SELECT cluster_id, question, asked_at, cause, message_id FROM (
                    SELECT *, row_number() OVER (PARTITION BY cluster_id ORDER BY asked_at DESC) AS n
                    FROM gap_questions WHERE cluster_id = ANY (?::bigint[])) q
                WHERE n <= ? ORDER BY cluster_id, asked_at DESC
                """,
                row -> examples.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(new GapSummary.Example(
                                PiiMask.mask(row.getString(2)),
                                Jdbc.instant(row, "asked_at"),
                                row.getString(4),
                                row.getObject(5, UUID.class))),
                ids,
                limit);
        return examples;
    }

    private List<GapDetail.DayCount> trend(long id, Instant firstSeen) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = LocalDate.ofInstant(firstSeen, ZoneOffset.UTC);
        if (ChronoUnit.DAYS.between(start, today) > 89) {
            start = today.minusDays(89);
        }
        return jdbc.list(
                """
                SELECT (d AT TIME ZONE 'UTC')::date AS day, count(q.message_id) AS questions
                FROM (SELECT g AT TIME ZONE 'UTC' AS d FROM generate_series(?::date::timestamp, ?::date::timestamp, interval '1 day') g) days
                LEFT JOIN gap_questions q ON q.cluster_id = ? AND q.asked_at >= d AND q.asked_at < d + interval '1 day'
                GROUP BY d ORDER BY d
                """,
                row -> new GapDetail.DayCount(
                        row.getObject("day", LocalDate.class).toString(), row.getLong("questions")),
                start,
                today,
                id);
    }

    private GapEvidence read(String value) {
        try {
            return value == null ? null : json.readValue(value, GapEvidence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
