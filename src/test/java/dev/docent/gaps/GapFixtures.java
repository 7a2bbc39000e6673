package dev.docent.gaps;

import dev.docent.system.Jdbc;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Recorded chat messages for gap tests, written straight to the database as ChatService would record them. */
final class GapFixtures {

    private GapFixtures() {}

    /** An unanswered message (no content) by {@code owner}; returns the gap question it makes. */
    static GapQuestion unanswered(Jdbc jdbc, String owner, Set<String> groups, String question) {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.update("INSERT INTO conversations (id, owner, title) VALUES (?, ?, ?)", conversation, owner, question);
        jdbc.update("""
                INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered,
                                      unanswered_cause, provider, total_ms, created_at)
                VALUES (?, ?, ?, ?, ?, 'not covered', false, 'no_content', 'extractive', 1, ?)
                """, message, conversation, owner, question, question, now);
        return new GapQuestion(
                message, owner, groups, question, question, GapCause.NO_CONTENT, now, null, null, java.util.List.of());
    }
}
