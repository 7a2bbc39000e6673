package dev.docent.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.smallrye.faulttolerance.api.Guard;

/**
 * A configured language model and the guard (retry + circuit breaker) around calls to it.
 *
 * @param name what the chat page and the record show: {@code local}, {@code openai}, {@code anthropic}, {@code
 *     azure-openai}
 * @param local true for a model on the organization's own hardware: it may see local-only collections
 */
public record Provider(String name, String model, boolean local, StreamingChatModel chat, Guard guard) {}
