package dev.docent.chat;

import dev.docent.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner of the signed-in user's conversations, brought up to date: conversations recorded under the user's name
 * with no account yet (from before owners were keyed on {@code sub}, V52) become the account's, on every request (a
 * partial index makes that a lookup of nothing once they are claimed); the name kept beside the account's
 * conversations follows a rename, once per process and name. Both are idempotent, so several instances may do it.
 */
@ApplicationScoped
public class ConversationOwners {

    private final ConversationRepository conversations;
    private final Set<Owner> current = ConcurrentHashMap.newKeySet();

    ConversationOwners(ConversationRepository conversations) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
    }

    /** The signed-in user as the owner of conversations (403 when their token has no {@code sub}). */
    public Owner of(CurrentUser user) {
        return claimed(Owner.of(user));
    }

    /** The owner, after claiming the unowned conversations recorded under its name. */
    public Owner claimed(Owner owner) {
        conversations.claimUnowned(owner);
        if (!current.contains(owner)) {
            conversations.renameOwner(owner);
            current.add(owner);
        }
        return owner;
    }
}
