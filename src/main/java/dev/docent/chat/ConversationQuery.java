package dev.docent.chat;

import dev.docent.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Which of a user's conversations to list: those whose title or questions contain {@code search} (when given), newest
 * first, starting after {@code before} (where the previous page ended), at most {@code limit}.
 */
public record ConversationQuery(String search, Cursor before, int limit) {

    /** Conversations per page unless the caller asks for another number. */
    public static final int DEFAULT_LIMIT = 50;

    /** The most conversations one page may hold: more pages, not longer ones. */
    public static final int MAX_LIMIT = 200;

    /** A search is a few words, not a document. */
    public static final int MAX_SEARCH = 200;

    /** The first page of everything. */
    public static ConversationQuery firstPage() {
        return new ConversationQuery(null, null, DEFAULT_LIMIT);
    }

    /** The query from its URL parameters as typed; each broken one is refused with what to send instead. */
    public static ConversationQuery of(String q, String before, String limit) {
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > MAX_SEARCH) {
            throw new InvalidInputException(
                    400, "'q' has " + search.length() + " characters; search with at most " + MAX_SEARCH + ".");
        }
        Cursor cursor = before == null || before.isBlank() ? null : Cursor.decode(before.strip());
        return new ConversationQuery(search, cursor, limit(limit));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String message = "'limit' is the number of conversations per page: a whole number from 1 to " + MAX_LIMIT + ".";
        try {
            int n = Integer.parseInt(limit.strip());
            if (n < 1 || n > MAX_LIMIT) {
                throw new InvalidInputException(400, message);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(400, message);
        }
    }

    /**
     * Where a page ended: the last conversation's time and id (the id breaks ties), sent to clients as an opaque
     * token so they never build one themselves.
     */
    public record Cursor(Instant updatedAt, UUID id) {

        static final String BROKEN =
                "'before' is not a position this API gave out: send the 'next' value of the previous page unchanged.";

        public String encode() {
            String plain = updatedAt + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                return new Cursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInputException(400, BROKEN);
            }
        }
    }
}
