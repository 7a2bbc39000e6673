package dev.docent.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation with its answers, oldest first, as {@code GET /api/chat/conversations/{id}} returns it. */
public record ConversationView(UUID id, String title, Instant updatedAt, List<ChatAnswer> messages) {}
