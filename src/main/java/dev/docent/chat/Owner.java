package dev.docent.chat;

import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;

/**
 * Who a conversation belongs to: the Keycloak account's {@code sub} (stable; ownership is checked on it) and the user
 * name last seen with it (for display, the audit trail and an admin's erasure by name).
 */
public record Owner(String sub, String name) {

    /** Shown when a token carries no {@code sub}, so no conversation could be told apart as the user's own. */
    static final String NO_SUB = "Your sign-in token carries no 'sub' claim, and Docent keeps conversations by it. An"
            + " administrator should check that the Keycloak client has the 'basic' client scope.";

    public Owner {
        if (sub == null || sub.isBlank()) {
            throw new InvalidInputException(403, NO_SUB);
        }
    }

    public static Owner of(CurrentUser user) {
        return new Owner(user.getSubject(), user.getUsername());
    }
}
