package dev.docent.safety;

import dev.docent.chat.ConversationDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A deleted conversation (by its owner, an erasure or the retention purge) takes the safety records of its questions
 * and answers with it, in the same transaction: they quote the user's words.
 */
@ApplicationScoped
class DeletedConversationEvents {

    @Inject
    SafetyRepository repository;

    void onDeleted(@Observes ConversationDeleted deleted) {
        repository.deleteEvents(deleted.messageIds());
    }
}
