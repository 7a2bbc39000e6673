package dev.docent.evaluation;

import dev.docent.gaps.PiiMask;
import dev.docent.review.RecordedAnswer;
import dev.docent.review.ReviewService;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sets from real traffic beside {@link GapSets}: answers users rated helpful, and answers a knowledge manager reviewed
 * (the correct ones as they were, the wrong ones with the reviewer's correction). Questions and answers are masked as
 * in the gap reports; each item links to its message, so erasing the message takes the item along.
 */
@ApplicationScoped
class TrafficSets {

    /** Citation markers are the answer's references, not its content: a run's answer is compared without them. */
    private static final Pattern MARKERS = Pattern.compile("\\s*\\[\\d+]");

    @Inject
    ReviewService reviews;

    @Inject
    EvalSets sets;

    /** Items from answers rated thumbs up: the question, the answer as expected, the cited documents. */
    EvalSetSummary fromHelpful(String name, String limit, String user) {
        List<RecordedAnswer> answers = reviews.helpfulAnswers(limit(limit));
        List<EvalItem> items = new ArrayList<>();
        List<UUID> sources = new ArrayList<>();
        for (RecordedAnswer a : answers) {
            items.add(new EvalItem(question(a), expected(a.answer()), documents(a), true));
            sources.add(a.messageId());
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(
                    409,
                    "No answer has been rated helpful yet (thumbs up in the chat): a set from helpful answers needs"
                            + " at least one.");
        }
        return sets.createFromAnswers(
                name(name, "Helpful answers (" + items.size() + ")"), "helpful", items, sources, user);
    }

    /**
     * Items from reviewed answers: a correct one expects its own answer, an incorrect one the reviewer's correction
     * (without one it is left out), both with the documents it cited. "Not covered" confirmed as correct becomes an
     * unanswerable item.
     */
    EvalSetSummary fromReviewed(String name, String limit, String user) {
        List<EvalItem> items = new ArrayList<>();
        List<UUID> sources = new ArrayList<>();
        for (RecordedAnswer a : reviews.reviewedAnswers(limit(limit))) {
            EvalItem item;
            if ("correct".equals(a.verdict())) {
                item = a.answered()
                        ? new EvalItem(question(a), expected(a.answer()), documents(a), true)
                        : new EvalItem(question(a), null, List.of(), false);
            } else if (a.correction() != null) {
                item = new EvalItem(question(a), expected(a.correction()), documents(a), true);
            } else {
                continue;
            }
            items.add(item);
            sources.add(a.messageId());
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(
                    409,
                    "No reviewed answer to build from yet: mark answers correct, or incorrect with a correction, on"
                            + " the Review page first.");
        }
        return sets.createFromAnswers(
                name(name, "Reviewed answers (" + items.size() + ")"), "reviewed", items, sources, user);
    }

    private static String question(RecordedAnswer a) {
        String q = PiiMask.mask(a.question()).strip();
        return q.length() > EvalItem.MAX_QUESTION ? q.substring(0, EvalItem.MAX_QUESTION) : q;
    }

    private static String expected(String answer) {
        String text = MARKERS.matcher(PiiMask.mask(answer)).replaceAll("").strip();
        return text.length() > EvalItem.MAX_ANSWER ? text.substring(0, EvalItem.MAX_ANSWER) : text;
    }

    private static List<String> documents(RecordedAnswer a) {
        List<String> documents = a.citedDocuments();
        return documents.size() > EvalItem.MAX_DOCUMENTS ? documents.subList(0, EvalItem.MAX_DOCUMENTS) : documents;
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return EvalSets.MAX_ITEMS;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= EvalSets.MAX_ITEMS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new InvalidInputException(400, "'limit' must be a whole number from 1 to " + EvalSets.MAX_ITEMS + ".");
    }

    private static String name(String name, String fallback) {
        // Not a question by default: a set's name outlives a member's erasure (docs/privacy.md).
        String setName = name == null || name.isBlank() ? fallback : name.strip();
        if (setName.length() > 200) {
            throw new InvalidInputException(400, EvalSetRequest.NAME);
        }
        return setName;
    }
}
