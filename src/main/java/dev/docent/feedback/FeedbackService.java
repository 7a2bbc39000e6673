package dev.docent.feedback;

import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stores users' thumbs up/down on their own answers; the latest verdict on an answer wins. */
@ApplicationScoped
public class FeedbackService {

    /** The reasons a thumbs down may give, with the words the chat page shows. */
    public static final Map<String, String> REASONS = reasons();

    /** The reason that makes a question a knowledge gap. */
    public static final String DIDNT_ANSWER = "didnt_answer";

    public static final int MAX_COMMENT = 1000;

    private record Asked(String question, String query, Instant askedAt) {}

    @Inject
    Jdbc jdbc;

    @Inject
    Event<FeedbackGiven> given;

    @Transactional
    public Map<String, Object> give(UUID messageId, FeedbackRequest request, CurrentUser user) {
        Asked asked = owned(messageId, user);
        if (request == null) {
            throw new InvalidInputException(400, "Send {\"rating\": \"up\"} or {\"rating\": \"down\"}.");
        }
        String rating = validRating(request.rating());
        String reason = validReason(rating, request.reason());
        String comment = validComment(request.comment());
        jdbc.update("""
                INSERT INTO answer_feedback (message_id, owner, rating, reason, comment) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (message_id) DO UPDATE
                SET rating = excluded.rating, reason = excluded.reason, comment = excluded.comment, updated_at = now()
                """, messageId, user.getUsername(), rating, reason, comment);
        given.fire(new FeedbackGiven(
                messageId,
                user.getUsername(),
                user.getGroups(),
                asked.question(),
                asked.query(),
                asked.askedAt(),
                "down".equals(rating) && DIDNT_ANSWER.equals(reason)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("rating", rating);
        body.put("reason", reason);
        body.put("comment", comment);
        return body;
    }

    /** The latest verdict on one of the user's answers. */
    public Map<String, Object> latest(UUID messageId, CurrentUser user) {
        owned(messageId, user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("rating", null);
        body.put("reason", null);
        body.put("comment", null);
        jdbc.one(
                "SELECT rating, reason, comment FROM answer_feedback WHERE message_id = ?",
                row -> {
                    body.put("rating", row.getString(1));
                    body.put("reason", row.getString(2));
                    body.put("comment", row.getString(3));
                    return body;
                },
                messageId);
        return body;
    }

    private Asked owned(UUID messageId, CurrentUser user) {
        return jdbc.one(
                        "SELECT question, rewritten_query, created_at FROM messages WHERE id = ? AND owner = ?",
                        row -> new Asked(row.getString(1), row.getString(2), Jdbc.instant(row, "created_at")),
                        messageId,
                        user.getUsername())
                .orElseThrow(() -> new InvalidInputException(404, "There is no such answer (or it is not yours)."));
    }

    private static String validRating(String rating) {
        if (!"up".equals(rating) && !"down".equals(rating)) {
            throw new InvalidInputException(400, "'rating' must be \"up\" or \"down\".");
        }
        return rating;
    }

    private static String validReason(String rating, String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if ("up".equals(rating)) {
            throw new InvalidInputException(400, "A reason goes with a thumbs down only; leave 'reason' out.");
        }
        if (!REASONS.containsKey(reason)) {
            throw new InvalidInputException(
                    400, "'reason' must be one of " + String.join(", ", List.copyOf(REASONS.keySet())) + ".");
        }
        return reason;
    }

    private static String validComment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String stripped = comment.strip();
        if (stripped.length() > MAX_COMMENT) {
            throw new InvalidInputException(
                    400,
                    "The comment has " + stripped.length() + " characters; the limit is " + MAX_COMMENT
                            + ". Shorten it.");
        }
        return stripped;
    }

    private static Map<String, String> reasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put(DIDNT_ANSWER, "Didn't answer my question");
        reasons.put("incorrect", "Incorrect");
        reasons.put("incomplete", "Incomplete");
        reasons.put("wrong_sources", "Wrong or unhelpful sources");
        reasons.put("other", "Other");
        return java.util.Collections.unmodifiableMap(reasons);
    }

    /** Every verdict {@code owner} gave, for the personal-data export. */
    public List<Map<String, Object>> exportOf(String owner) {
        return jdbc.list(
                "SELECT message_id, rating, reason, comment, updated_at FROM answer_feedback WHERE owner = ?"
                        + " ORDER BY updated_at",
                row -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("messageId", row.getObject("message_id", UUID.class));
                    m.put("rating", row.getString("rating"));
                    m.put("reason", row.getString("reason"));
                    m.put("comment", row.getString("comment"));
                    m.put("givenAt", Jdbc.instant(row, "updated_at"));
                    return m;
                },
                owner);
    }
}
