package dev.docent.answering;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A question that passed every check, ready to be answered.
 *
 * @param text the question as typed (stripped)
 * @param asker who asks, with what they may read
 * @param collection only search this collection (by name), or null for all the asker may read
 * @param concise ask the model for a short answer
 * @param history the conversation so far, for follow-ups
 * @param conversationId the conversation the answer belongs to (new or existing)
 * @param messageId the id the answer will be recorded under
 * @param startedNanos when the request arrived ({@link System#nanoTime()}), for latency figures
 */
public record Question(
        String text,
        Asker asker,
        String collection,
        boolean concise,
        History history,
        UUID conversationId,
        UUID messageId,
        long startedNanos) {

    public Question {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(asker, "asker");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
    }

    /**
     * What a follow-up may lean on.
     *
     * @param earlierQuestions the conversation's last questions, oldest first (never its answers)
     * @param previousQuery the standalone query of the last question, or null in a new conversation
     */
    public record History(List<String> earlierQuestions, String previousQuery) {

        public static History none() {
            return new History(List.of(), null);
        }

        public boolean isEmpty() {
            return earlierQuestions.isEmpty() || previousQuery == null;
        }
    }
}
