package dev.docent.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.Outcome;
import dev.docent.retrieval.Passage;
import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Conversations and their recorded answers: the one owner of the {@code conversations} and {@code messages} tables. */
@ApplicationScoped
public class ConversationRepository {

    /** A conversation in a list. */
    public record Summary(UUID id, String title, Instant updatedAt) {}

    /**
     * A recorded question, as feedback on its answer needs it.
     *
     * @param query the standalone query it was answered with
     * @param topSimilarity similarity of the best passage retrieval found, or null
     * @param retrievedChunks the chunks retrieval found, best first
     */
    public record Asked(
            String question, String query, Instant askedAt, Double topSimilarity, List<Long> retrievedChunks) {}

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};
    private static final TypeReference<List<Retrieved>> RETRIEVED = new TypeReference<>() {};

    /** A page of one owner's conversations: after the cursor (when given), matching the search (when given). */
    private static final String PAGE = """
            SELECT c.id, c.title, c.updated_at
            FROM conversations c
            WHERE c.owner_sub = ?
              AND (?::timestamptz IS NULL OR (c.updated_at, c.id) < (?::timestamptz, ?::uuid))
              AND (?::text IS NULL
                   OR strpos(lower(c.title), lower(?::text)) > 0
                   OR EXISTS (SELECT 1 FROM messages m
                              WHERE m.conversation_id = c.id AND strpos(lower(m.question), lower(?::text)) > 0))
            ORDER BY c.updated_at DESC, c.id DESC
            LIMIT ?
            """;

    @Inject
    CitationReferences citations;

    @Inject
    Jdbc jdbc;

    @Inject
    ReadReplica replica;

    @Inject
    ObjectMapper json;

    @Inject
    Event<ConversationDeleted> deleted;

    public Optional<Summary> find(UUID id, Owner owner) {
        return jdbc.one(
                "SELECT id, title, updated_at FROM conversations WHERE id = ? AND owner_sub = ?",
                ConversationRepository::summary,
                id,
                owner.sub());
    }

    /** The owner's list reads the replica once it has replayed the owner's own last change (read-your-writes). */
    private static String topic(Owner owner) {
        return "conversations:" + owner.sub();
    }

    /** Records a change to the owner's conversations once it is made; returns {@code result}. */
    private <T> T changed(Owner owner, T result) {
        return replica.wrote(topic(owner), result);
    }

    /**
     * Conversations recorded under the owner's name before owners were keyed on {@code sub} (no sub yet) become the
     * account's. A name that a new account took after the old one was deleted reaches no conversation the old account
     * had already claimed (docs/privacy.md).
     */
    public void claimUnowned(Owner owner) {
        jdbc.update(
                "UPDATE conversations SET owner_sub = ? WHERE owner_sub IS NULL AND owner = ?",
                owner.sub(),
                owner.name());
    }

    /** The name kept beside the account's conversations (display, audit, erasure by name) follows a rename. */
    public void renameOwner(Owner owner) {
        jdbc.update(
                "UPDATE conversations SET owner = ? WHERE owner_sub = ? AND owner <> ?",
                owner.name(),
                owner.sub(),
                owner.name());
    }

    /**
     * One page of the owner's conversations, newest first (ties broken by id, so a page boundary never skips or
     * repeats one). A search matches the title or any question asked in it, case-insensitively and literally: no
     * character of it is a pattern.
     */
    public ConversationPage page(Owner owner, ConversationQuery query) {
        ConversationQuery.Cursor before = query.before();
        // One more than asked tells whether another page follows.
        List<Summary> rows = replica.fresh(
                topic(owner),
                () -> jdbc.list(
                        PAGE,
                        ConversationRepository::summary,
                        owner.sub(),
                        before == null ? null : before.updatedAt(),
                        before == null ? null : before.updatedAt(),
                        before == null ? null : before.id(),
                        query.search(),
                        query.search(),
                        query.search(),
                        query.limit() + 1));
        if (rows.size() <= query.limit()) {
            return new ConversationPage(rows, null);
        }
        List<Summary> page = rows.subList(0, query.limit());
        Summary last = page.getLast();
        return new ConversationPage(
                List.copyOf(page), new ConversationQuery.Cursor(last.updatedAt(), last.id()).encode());
    }

    /** Gives the owner's conversation a new title; empty when it is not theirs. Its place in the list stays. */
    public Optional<Summary> rename(UUID id, Owner owner, String title) {
        return changed(
                owner,
                jdbc.one(
                        "UPDATE conversations SET title = ? WHERE id = ? AND owner_sub = ? RETURNING id, title, updated_at",
                        ConversationRepository::summary,
                        title,
                        id,
                        owner.sub()));
    }

    /**
     * Deletes the owner's conversation with its answers and everything derived from them, in one transaction:
     * {@link ConversationDeleted} goes to the features that derived something (they remove it first, in this
     * transaction), then the conversation goes and its messages (and their feedback) with it. Returns false, changing
     * nothing, when the conversation is not the owner's.
     */
    @Transactional
    public boolean delete(UUID id, Owner owner) {
        return changed(owner, deleteWhere("owner_sub = ?", owner.sub(), id));
    }

    /** Deletes conversation {@code id} when {@code condition} (on its row, one parameter) holds; see {@link #delete}. */
    private boolean deleteWhere(String condition, Object parameter, UUID id) {
        // The lock keeps an answer being recorded meanwhile from slipping in between the event and the delete.
        Optional<String> locked = jdbc.one(
                "SELECT owner FROM conversations WHERE id = ? AND " + condition + " FOR UPDATE",
                row -> row.getString(1),
                id,
                parameter);
        if (locked.isEmpty()) {
            return false;
        }
        String owner = locked.get();
        List<UUID> messageIds = jdbc.list(
                "SELECT id FROM messages WHERE conversation_id = ? ORDER BY created_at",
                row -> row.getObject(1, UUID.class),
                id);
        deleted.fire(new ConversationDeleted(id, owner, messageIds));
        jdbc.update("DELETE FROM conversations WHERE id = ?", id);
        return true;
    }

    /** Every message {@code owner} asked, oldest first, as stored (for the personal-data export). */
    public List<Map<String, Object>> exportOf(Owner owner) {
        return jdbc.list(
                """
                SELECT m.conversation_id, c.title, m.id, m.question, m.rewritten_query, m.answer, m.answered, m.notice,
                       m.provider, m.model, m.citations::text, m.created_at
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE c.owner_sub = ? ORDER BY m.created_at
                """,
                row -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("conversationId", row.getObject("conversation_id", UUID.class));
                    m.put("conversationTitle", row.getString("title"));
                    m.put("messageId", row.getObject("id", UUID.class));
                    m.put("question", row.getString("question"));
                    m.put("rewrittenQuery", row.getString("rewritten_query"));
                    m.put("answer", row.getString("answer"));
                    m.put("answered", row.getBoolean("answered"));
                    m.put("notice", row.getString("notice"));
                    m.put("provider", row.getString("provider"));
                    m.put("model", row.getString("model"));
                    m.put("citations", read(row.getString("citations")));
                    m.put("askedAt", Jdbc.instant(row, "created_at"));
                    return m;
                },
                owner.sub());
    }

    /**
     * Erases every conversation of {@code owner} (with messages, feedback, gap questions); returns how many. Each goes
     * through {@link #delete}, so every feature that derived something from it (safety records, gap examples,
     * evaluation items) hears {@link ConversationDeleted} and removes it in this transaction.
     */
    @Transactional
    public int deleteAllOf(Owner owner) {
        return changed(owner, deleteEach("owner_sub = ?", owner.sub()));
    }

    /**
     * Erases every conversation last seen under the user name {@code name}, whichever account it belongs to (an
     * admin's erasure by name; also those recorded before owners were keyed on {@code sub} and never claimed). Like
     * {@link #deleteAllOf}; returns how many.
     */
    @Transactional
    public int deleteAllNamed(String name) {
        return deleteEach("owner = ?", name);
    }

    /** The ids of every message in the account's conversations (to find what was derived from them). */
    public List<UUID> messageIdsOf(Owner owner) {
        return messageIdsWhere("c.owner_sub = ?", owner.sub());
    }

    /** The ids of every message in conversations last seen under the user name {@code name}. */
    public List<UUID> messageIdsNamed(String name) {
        return messageIdsWhere("c.owner = ?", name);
    }

    /** The questions asked in the owner's conversations (erasure finds their copies elsewhere by them). */
    public List<String> questionsOf(Owner owner) {
        return questionsWhere("c.owner_sub = ?", owner.sub());
    }

    /** The questions asked in conversations last seen under the user name {@code name}. */
    public List<String> questionsNamed(String name) {
        return questionsWhere("c.owner = ?", name);
    }

    /** The questions asked in the owner's conversation {@code id} (none when it is not theirs). */
    public List<String> questionsIn(UUID id, Owner owner) {
        return questionsWhere("c.owner_sub = ? AND c.id = ?", owner.sub(), id);
    }

    private List<String> questionsWhere(String condition, Object... parameters) {
        return jdbc.list(
                "SELECT DISTINCT m.question FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE "
                        + condition,
                row -> row.getString(1),
                parameters);
    }

    private List<UUID> messageIdsWhere(String condition, Object parameter) {
        return jdbc.list(
                "SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE " + condition,
                row -> row.getObject(1, UUID.class),
                parameter);
    }

    private int deleteEach(String condition, Object parameter) {
        List<UUID> ids = jdbc.list(
                "SELECT id FROM conversations WHERE " + condition + " ORDER BY id",
                row -> row.getObject(1, UUID.class),
                parameter);
        int removed = 0;
        for (UUID id : ids) {
            removed += deleteWhere(condition, parameter, id) ? 1 : 0;
        }
        return removed;
    }

    /** Questions and answered questions in conversations last updated before {@code cutoff}. */
    public long[] countsNotUpdatedSince(Instant cutoff) {
        return jdbc.one("""
                        SELECT count(*), count(*) FILTER (WHERE m.answered)
                        FROM messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE c.updated_at < ?
                        """, row -> new long[] {row.getLong(1), row.getLong(2)}, java.sql.Timestamp.from(cutoff))
                .orElse(new long[] {0, 0});
    }

    /**
     * Erases conversations last updated before {@code cutoff} (retention), with everything hanging off them: like
     * {@link #deleteAllOf}, one at a time through {@link #delete}, so derived records go too.
     */
    @Transactional
    public int deleteNotUpdatedSince(Instant cutoff) {
        // The questions leave, their number per day stays: the gap overview goes on counting them.
        jdbc.update("""
                INSERT INTO purged_questions (day, questions, unanswered)
                SELECT (m.created_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE NOT m.answered)
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE c.updated_at < ?
                GROUP BY 1
                ON CONFLICT (day) DO UPDATE SET questions = purged_questions.questions + excluded.questions,
                                                unanswered = purged_questions.unanswered + excluded.unanswered
                """, java.sql.Timestamp.from(cutoff));
        return deleteEach("updated_at < ?", java.sql.Timestamp.from(cutoff));
    }

    public void create(UUID id, Owner owner, String title) {
        changed(
                owner,
                jdbc.update(
                        "INSERT INTO conversations (id, owner, owner_sub, title) VALUES (?, ?, ?, ?)",
                        id,
                        owner.name(),
                        owner.sub(),
                        title));
    }

    /** The conversation's last {@code n} questions, oldest first, for rewriting a follow-up. */
    public List<String> recentQuestions(UUID conversationId, int n) {
        List<String> newestFirst = jdbc.list(
                "SELECT question FROM messages WHERE conversation_id = ? ORDER BY created_at DESC LIMIT ?",
                row -> row.getString(1),
                conversationId,
                n);
        return newestFirst.reversed();
    }

    /**
     * Records an answer in one transaction, creating its conversation first when {@code newTitle} is given: a
     * conversation never exists without its first answer. Beyond what the user sees, it keeps how the answer came
     * about: the query, what was retrieved, why it was not answered, timings, tokens and cost.
     */
    @Transactional
    public void save(ChatAnswer answer, Owner owner, Outcome outcome, String newTitle) {
        save(answer, owner, outcome, newTitle, Channel.CHAT);
    }

    /** The same, marked with the channel the question came through. */
    @Transactional
    public void save(ChatAnswer answer, Owner owner, Outcome outcome, String newTitle, Channel channel) {
        if (newTitle != null) {
            create(answer.conversationId(), owner, newTitle);
        }
        record(answer, owner.name(), outcome, channel);
        changed(owner, answer.conversationId());
    }

    /** The standalone query of the conversation's last question, for rewriting a follow-up. */
    public Optional<String> lastQuery(UUID conversationId) {
        return jdbc.one(
                "SELECT rewritten_query FROM messages WHERE conversation_id = ? ORDER BY created_at DESC LIMIT 1",
                row -> row.getString(1),
                conversationId);
    }

    private void record(ChatAnswer answer, String owner, Outcome outcome, Channel channel) {
        jdbc.update(
                """
                INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered, notice,
                                      citations, retrieved, top_similarity, unanswered_cause, provider, model, first_token_ms,
                                      total_ms, prompt_version, prompt_tokens, completion_tokens, cost_usd, created_at,
                                      channel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                answer.messageId(),
                answer.conversationId(),
                owner,
                answer.question(),
                outcome.query(),
                answer.answer(),
                answer.answered(),
                answer.notice(),
                write(CitationReferences.references(answer.citations())),
                write(retrieved(outcome.retrieval().passages())),
                outcome.retrieval().topSimilarity(),
                outcome.cause() == null ? null : outcome.cause().code(),
                answer.provider(),
                answer.model(),
                outcome.firstTokenMs() == null ? null : outcome.firstTokenMs().intValue(),
                (int) outcome.totalMs(),
                outcome.draft().promptVersion(),
                outcome.draft().promptTokens(),
                outcome.draft().completionTokens(),
                outcome.draft().costUsd(),
                answer.createdAt(),
                channel.code());
        jdbc.update("UPDATE conversations SET updated_at = now() WHERE id = ?", answer.conversationId());
    }

    /** The messages, their citations as a member of {@code readerGroups} may see them now. */
    public List<ChatAnswer> messages(UUID conversationId, Set<String> readerGroups) {
        List<ChatAnswer> stored = jdbc.list(
                """
                SELECT id, question, answer, answered, notice, provider, model, citations::text, created_at
                FROM messages WHERE conversation_id = ? ORDER BY created_at
                """,
                row -> new ChatAnswer(
                        conversationId,
                        row.getObject("id", UUID.class),
                        row.getString("question"),
                        row.getString("answer"),
                        row.getBoolean("answered"),
                        row.getString("notice"),
                        row.getString("provider"),
                        row.getString("model"),
                        read(row.getString("citations")),
                        Jdbc.instant(row, "created_at")),
                conversationId);
        return stored.stream()
                .map(m -> new ChatAnswer(
                        m.conversationId(),
                        m.messageId(),
                        m.question(),
                        m.answer(),
                        m.answered(),
                        m.notice(),
                        m.provider(),
                        m.model(),
                        citations.resolve(m.citations(), readerGroups),
                        m.createdAt()))
                .toList();
    }

    /** One of the user's recorded questions, or empty when it is not theirs (or does not exist). */
    public Optional<Asked> asked(UUID messageId, Owner owner) {
        return jdbc.one(
                """
                SELECT m.question, m.rewritten_query, m.created_at, m.top_similarity, m.retrieved::text
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.id = ? AND c.owner_sub = ?
                """,
                row -> new Asked(
                        row.getString(1),
                        row.getString(2),
                        Jdbc.instant(row, "created_at"),
                        Jdbc.nullableDouble(row, "top_similarity"),
                        chunkIds(row.getString("retrieved"))),
                messageId,
                owner.sub());
    }

    /** What retrieval found, as kept with the answer: ids and scores, not the text. */
    record Retrieved(long chunkId, double score, double similarity) {}

    private static List<Retrieved> retrieved(List<Passage> passages) {
        return passages.stream()
                .map(p -> new Retrieved(p.chunkId(), p.score(), p.similarity()))
                .toList();
    }

    private List<Long> chunkIds(String retrievedJson) {
        if (retrievedJson == null) {
            return List.of();
        }
        try {
            return json.readValue(retrievedJson, RETRIEVED).stream()
                    .map(Retrieved::chunkId)
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Citation> read(String value) {
        try {
            return json.readValue(value, CITATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Summary summary(ResultSet row) throws SQLException {
        return new Summary(row.getObject("id", UUID.class), row.getString("title"), Jdbc.instant(row, "updated_at"));
    }

    /**
     * Questions asked per day (UTC), for the gap overview.
     *
     * @param questions questions asked that day, those the retention purge removed since included
     * @param unanswered questions that got no answer, or whose answer is one of those the caller counts as not
     *     answered (a thumbs down with "didn't answer my question"); purged ones as recorded (no answer given)
     * @param purged of the questions, how many the retention purge removed (counted, no longer readable)
     */
    public record DayCount(LocalDate day, long questions, long unanswered, long purged) {}

    /** Every day from {@code first} to {@code last} (UTC, inclusive), days without questions included. */
    public List<DayCount> questionsPerDay(LocalDate first, LocalDate last, Collection<UUID> alsoUnanswered) {
        return jdbc.list(
                """
                SELECT (d AT TIME ZONE 'UTC')::date AS day,
                       count(m.id) + coalesce(max(p.questions), 0) AS total,
                       count(m.id) FILTER (WHERE NOT m.answered OR m.id = ANY(?::uuid[]))
                           + coalesce(max(p.unanswered), 0) AS unanswered,
                       coalesce(max(p.questions), 0) AS purged
                FROM (SELECT g AT TIME ZONE 'UTC' AS d
                      FROM generate_series(?::date::timestamp, ?::date::timestamp, interval '1 day') g) days
                LEFT JOIN messages m ON m.created_at >= d AND m.created_at < d + interval '1 day'
                LEFT JOIN purged_questions p ON p.day = (d AT TIME ZONE 'UTC')::date
                GROUP BY d ORDER BY d
                """,
                row -> new DayCount(
                        row.getObject("day", LocalDate.class),
                        row.getLong("total"),
                        row.getLong("unanswered"),
                        row.getLong("purged")),
                alsoUnanswered.stream().map(UUID::toString).toList(),
                first,
                last);
    }
}
