package dev.docent.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A question, optionally continuing a conversation. Its length limit is configuration
 * ({@code docent.retrieval.max-query-length}), so {@link ChatService} checks that one.
 *
 * @param collection only search this collection (by name), when given
 * @param concise ask the model for a short answer (at most three sentences)
 */
public record ChatRequest(
        @NotBlank(message = "Type a question first: it is empty.")
        String question,

        UUID conversationId,

        @Size(max = 200, message = "'collection' is a collection's name: at most 200 characters.")
        String collection,

        Boolean concise) {

    public ChatRequest(String question, UUID conversationId) {
        this(question, conversationId, null, null);
    }
}
