package dev.docent.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.security.CurrentUser;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Conversations and their recorded answers. */
@ApplicationScoped
public class ConversationRepository {

    /** A conversation in a list. */
    public record Summary(UUID id, String title, Instant updatedAt) {}

    /** What is recorded about an answer beyond what the user sees. */
    public record Trace(
            String rewrittenQuery,
            String retrievedJson,
            Double topSimilarity,
            String cause,
            Long firstTokenMs,
            long totalMs,
            String promptVersion,
            Integer promptTokens,
            Integer completionTokens,
            java.math.BigDecimal costUsd) {}

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};

    @Inject
    CitationReferences citations;

    @Inject
    CurrentUser reader;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    public Optional<Summary> find(UUID id, String owner) {
        return jdbc.one(
                "SELECT id, title, updated_at FROM conversations WHERE id = ? AND owner = ?",
                ConversationRepository::summary,
                id,
                owner);
    }

    public List<Summary> list(String owner) {
        return jdbc.list(
                "SELECT id, title, updated_at FROM conversations WHERE owner = ? ORDER BY updated_at DESC LIMIT 200",
                ConversationRepository::summary,
                owner);
    }

    /** Every message {@code owner} asked, oldest first, as stored (for the personal-data export). */
    public List<Map<String, Object>> exportOf(String owner) {
        return jdbc.list(
                """
                SELECT m.conversation_id, c.title, m.id, m.question, m.rewritten_query, m.answer, m.answered, m.notice,
                       m.provider, m.model, m.citations::text, m.created_at
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE c.owner = ? ORDER BY m.created_at
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
                owner);
    }

    /**
     * Erases one conversation of {@code owner} with its messages; feedback and gap questions on them go too (ON
     * DELETE CASCADE). Returns whether there was one.
     */
    public boolean delete(UUID id, String owner) {
        return jdbc.update("DELETE FROM conversations WHERE id = ? AND owner = ?", id, owner) > 0;
    }

    /** Erases every conversation of {@code owner} (with messages, feedback, gap questions); returns how many. */
    public int deleteAllOf(String owner) {
        return jdbc.update("DELETE FROM conversations WHERE owner = ?", owner);
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

    /** Erases conversations last updated before {@code cutoff} (retention), with everything hanging off them. */
    public int deleteNotUpdatedSince(Instant cutoff) {
        return jdbc.update("DELETE FROM conversations WHERE updated_at < ?", java.sql.Timestamp.from(cutoff));
    }

    public void create(UUID id, String owner, String title) {
        jdbc.update("INSERT INTO conversations (id, owner, title) VALUES (?, ?, ?)", id, owner, title);
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
     * conversation never exists without its first answer.
     */
    @Transactional
    public void save(ChatAnswer answer, String owner, Trace trace, String newTitle) {
        if (newTitle != null) {
            create(answer.conversationId(), owner, newTitle);
        }
        record(answer, owner, trace);
    }

    /** The standalone query of the conversation's last question, for rewriting a follow-up. */
    public Optional<String> lastQuery(UUID conversationId) {
        return jdbc.one(
                "SELECT rewritten_query FROM messages WHERE conversation_id = ? ORDER BY created_at DESC LIMIT 1",
                row -> row.getString(1),
                conversationId);
    }

    public void record(ChatAnswer answer, String owner, Trace trace) {
        jdbc.update(
                """
                INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered, notice,
                                      citations, retrieved, top_similarity, unanswered_cause, provider, model, first_token_ms,
                                      total_ms, prompt_version, prompt_tokens, completion_tokens, cost_usd, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                answer.messageId(),
                answer.conversationId(),
                owner,
                answer.question(),
                trace.rewrittenQuery(),
                answer.answer(),
                answer.answered(),
                answer.notice(),
                write(CitationReferences.references(answer.citations())),
                trace.retrievedJson(),
                trace.topSimilarity(),
                trace.cause(),
                answer.provider(),
                answer.model(),
                trace.firstTokenMs() == null ? null : trace.firstTokenMs().intValue(),
                (int) trace.totalMs(),
                trace.promptVersion(),
                trace.promptTokens(),
                trace.completionTokens(),
                trace.costUsd(),
                answer.createdAt());
        jdbc.update("UPDATE conversations SET updated_at = now() WHERE id = ?", answer.conversationId());
    }

    /** The messages, their citations as the signed-in user may see them now (see {@link CitationReferences}). */
    public List<ChatAnswer> messages(UUID conversationId) {
        return messages(conversationId, reader.getGroups());
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
}
