package dev.docent.chat;

import dev.docent.answering.AnswerRecorder;
import dev.docent.answering.Outcome;
import dev.docent.answering.UnansweredCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Objects;

/**
 * Records answers in their asker's conversation and tells the gap reports ({@link AnswerRecorded}). A stopped answer
 * is recorded, marked stopped, but says nothing about the knowledge base: no event.
 */
@ApplicationScoped
public class ConversationRecorder {

    private final ConversationRepository conversations;
    private final Event<AnswerRecorded> recorded;

    ConversationRecorder(ConversationRepository conversations, Event<AnswerRecorded> recorded) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
    }

    /** A recorder into the outcome's conversation; {@code newTitle} creates it first (null: it exists). */
    public AnswerRecorder into(String newTitle) {
        return into(newTitle, Channel.CHAT);
    }

    /** The same, the answer marked with the channel its question came through. */
    public AnswerRecorder into(String newTitle, Channel channel) {
        return outcome -> record(outcome, newTitle, channel);
    }

    private void record(Outcome outcome, String newTitle, Channel channel) {
        ChatAnswer answer = ChatAnswer.of(outcome);
        String owner = outcome.question().asker().username();
        conversations.save(answer, new Owner(outcome.question().asker().subject(), owner), outcome, newTitle, channel);
        // A refused attack is no gap in the documents (nor feedback on them): the Safety page lists it instead.
        if (outcome.stopped() || outcome.cause() == UnansweredCause.BLOCKED) {
            return;
        }
        recorded.fire(new AnswerRecorded(
                answer.messageId(),
                answer.conversationId(),
                owner,
                outcome.question().asker().groups(),
                answer.question(),
                outcome.query(),
                answer.answered(),
                outcome.cause(),
                outcome.retrieval(),
                answer.createdAt()));
    }
}
