package dev.docent.answering;

import dev.docent.security.CurrentUser;
import java.util.Set;

/**
 * Who asks, captured from the request so the answer can be written on another thread.
 *
 * @param subject the account's stable id (the token's {@code sub}), which owns the conversation; null for askers that
 *     record nothing (an evaluation run)
 */
public record Asker(String username, Set<String> groups, String subject) {

    /** An asker without an account id: for paths that record no conversation. */
    public Asker(String username, Set<String> groups) {
        this(username, groups, null);
    }

    public static Asker of(CurrentUser user) {
        return new Asker(user.getUsername(), Set.copyOf(user.getGroups()), user.getSubject());
    }
}
