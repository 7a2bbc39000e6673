package dev.docent.chat;

import java.util.UUID;

/** A question, optionally continuing a conversation. */
public record ChatRequest(String question, UUID conversationId) {}
