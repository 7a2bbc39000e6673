package dev.docent.answering;

import dev.docent.security.CurrentUser;
import java.util.Set;

/** Who asks, captured from the request so the answer can be written on another thread. */
public record Asker(String username, Set<String> groups) {

    public static Asker of(CurrentUser user) {
        return new Asker(user.getUsername(), Set.copyOf(user.getGroups()));
    }
}
