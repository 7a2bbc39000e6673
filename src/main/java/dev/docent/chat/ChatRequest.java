package dev.docent.chat;

import java.util.UUID;

/**
 * A question, optionally continuing a conversation.
 *
 * @param collection only search this collection (by name), when given
 * @param concise ask the model for a short answer (at most three sentences)
 */
public record ChatRequest(String question, UUID conversationId, String collection, Boolean concise) {

    public ChatRequest(String question, UUID conversationId) {
        this(question, conversationId, null, null);
    }
}
