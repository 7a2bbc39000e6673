package dev.docent.chat;

import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A user's own conversations: list and search them a page at a time, read, rename and delete one. Anyone else's
 * conversation is reported exactly like a missing one, so ids cannot be probed.
 */
@ApplicationScoped
public class ConversationService {

    /** The longest title a user may give (titles made from a question are shorter: {@link ChatService}). */
    public static final int MAX_TITLE = 200;

    static final String NOT_FOUND = "There is no such conversation (or it is not yours).";

    /** Line breaks, tabs and other control characters have no place in a one-line title. */
    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\p{Z}\\s]+");

    private final ConversationRepository conversations;
    private final ConversationOwners owners;

    ConversationService(ConversationRepository conversations, ConversationOwners owners) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    public ConversationPage page(ConversationQuery query, CurrentUser user) {
        return conversations.page(owners.of(user), query);
    }

    /** A conversation with its messages. */
    public ConversationView get(UUID id, CurrentUser user) {
        ConversationRepository.Summary summary =
                conversations.find(id, owners.of(user)).orElseThrow(ConversationService::notFound);
        return new ConversationView(
                summary.id(), summary.title(), summary.updatedAt(), conversations.messages(id, user.getGroups()));
    }

    /** Renames a conversation; the title is kept to one line, its spaces collapsed. */
    public ConversationRepository.Summary rename(UUID id, RenameRequest request, CurrentUser user) {
        String title = CONTROL_OR_SPACE.matcher(request.title()).replaceAll(" ").strip();
        if (title.isEmpty()) {
            throw new InvalidInputException(400, RenameRequest.EMPTY);
        }
        return conversations.rename(id, owners.of(user), title).orElseThrow(ConversationService::notFound);
    }

    /** Deletes a conversation with its answers, their feedback and the gap questions made from them. */
    public void delete(UUID id, CurrentUser user) {
        if (!conversations.delete(id, owners.of(user))) {
            throw notFound();
        }
    }

    /** A conversation id from a URL; anything else is a 400 that says so (not a 404 that hides the typo). */
    public static UUID id(String raw) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            String shown = raw == null ? "" : raw.length() <= 40 ? raw : raw.substring(0, 39) + "…";
            throw new InvalidInputException(
                    400,
                    "'" + shown + "' is not a conversation id: ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.");
        }
    }

    private static InvalidInputException notFound() {
        return new InvalidInputException(404, NOT_FOUND);
    }
}
