package dev.docent.feedback;

import dev.docent.chat.ConversationOwners;
import dev.docent.chat.ConversationRepository;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Stores users' thumbs up/down on their own answers; the latest verdict on an answer wins. */
@ApplicationScoped
public class FeedbackService {

    public static final int MAX_COMMENT = 1000;

    @Inject
    Jdbc jdbc;

    @Inject
    ConversationRepository conversations;

    @Inject
    ConversationOwners owners;

    @Inject
    Event<FeedbackGiven> given;

    @Inject
    Event<AnswerRated> rated;

    @Transactional
    public FeedbackView give(UUID messageId, FeedbackRequest request, CurrentUser user) {
        ConversationRepository.Asked asked = owned(messageId, user);
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
                asked.topSimilarity(),
                asked.retrievedChunks(),
                "down".equals(rating) && FeedbackReason.DIDNT_ANSWER.code().equals(reason)));
        rated.fire(new AnswerRated(messageId, rating));
        return new FeedbackView(messageId, rating, reason, comment);
    }

    /** The latest verdict on one of the user's answers. */
    public FeedbackView latest(UUID messageId, CurrentUser user) {
        owned(messageId, user);
        return jdbc.one(
                        "SELECT rating, reason, comment FROM answer_feedback WHERE message_id = ?",
                        row -> new FeedbackView(messageId, row.getString(1), row.getString(2), row.getString(3)),
                        messageId)
                .orElseGet(() -> new FeedbackView(messageId, null, null, null));
    }

    private ConversationRepository.Asked owned(UUID messageId, CurrentUser user) {
        return conversations
                .asked(messageId, owners.of(user))
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
        if (FeedbackReason.fromCode(reason).isEmpty()) {
            throw new InvalidInputException(
                    400,
                    "'reason' must be one of "
                            + Arrays.stream(FeedbackReason.values())
                                    .map(FeedbackReason::code)
                                    .collect(Collectors.joining(", "))
                            + ".");
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

    /**
     * Every verdict given on these answers (the asker's own: only the asker may rate an answer), for the personal-data
     * export.
     */
    public List<Map<String, Object>> exportOf(List<UUID> messageIds) {
        return jdbc.list(
                "SELECT message_id, rating, reason, comment, updated_at FROM answer_feedback"
                        + " WHERE message_id = ANY (?::uuid[]) ORDER BY updated_at",
                row -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("messageId", row.getObject("message_id", UUID.class));
                    m.put("rating", row.getString("rating"));
                    m.put("reason", row.getString("reason"));
                    m.put("comment", row.getString("comment"));
                    m.put("givenAt", Jdbc.instant(row, "updated_at"));
                    return m;
                },
                messageIds.stream().map(UUID::toString).toList());
    }
}
