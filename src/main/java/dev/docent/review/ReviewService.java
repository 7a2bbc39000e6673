package dev.docent.review;

import dev.docent.feedback.FeedbackReason;
import dev.docent.gaps.PiiMask;
import dev.docent.monitoring.MonitoringConfig;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.PassageAccess;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The review queue: answers users turned down, answers that cite nothing and answers whose sentences their passages
 * barely support, for knowledge managers to judge and correct. Their verdicts feed evaluation sets and training data.
 */
@ApplicationScoped
public class ReviewService {

    /** Most answers one page of the queue shows. */
    public static final int MAX_PAGE = 100;

    /** What a reviewer sees for a passage they may not read. */
    static final String UNREADABLE = "Source not available to you";

    @Inject
    ReviewRepository reviews;

    @Inject
    PassageAccess passages;

    @Inject
    MonitoringConfig monitoring;

    @Inject
    ReviewConfig config;

    /** A page of the queue, newest first; questions and comments masked, passages as {@code reviewer} may read them. */
    public ReviewQueuePage queue(
            String reason, String feedbackReason, String status, String offset, String limit, CurrentUser reviewer) {
        ReviewFilter filter = new ReviewFilter(reason(reason), feedbackReason(feedbackReason), status(status));
        int from = whole(offset, "offset", 0, 0, Integer.MAX_VALUE);
        int size = whole(limit, "limit", config.pageSize(), 1, MAX_PAGE);
        double level = monitoring.lowGroundedness();
        ReviewRepository.Page page = reviews.queue(filter, level, from, size);
        Map<Long, Passage> readable = passages.readable(
                page.rows().stream()
                        .flatMap(r -> r.citations().stream())
                        .map(RecordedAnswer.Cited::chunkId)
                        .distinct()
                        .toList(),
                reviewer.getGroups());
        List<ReviewItem> items =
                page.rows().stream().map(r -> item(r, readable)).toList();
        return new ReviewQueuePage(items, page.total(), from, size, level);
    }

    /** Records a verdict (and, for an incorrect answer, the correct one); the latest verdict wins. */
    @Transactional
    public ReviewItem.Verdict review(UUID messageId, ReviewRequest request, CurrentUser reviewer) {
        if (request == null) {
            throw new InvalidInputException(
                    400, "Send {\"verdict\": \"correct\"} or {\"verdict\": \"incorrect\", \"correction\": \"...\"}.");
        }
        String verdict =
                request.verdict() == null ? "" : request.verdict().strip().toLowerCase(Locale.ROOT);
        if (!verdict.equals("correct") && !verdict.equals("incorrect")) {
            throw new InvalidInputException(400, "'verdict' must be \"correct\" or \"incorrect\".");
        }
        String correction = request.correction() == null || request.correction().isBlank()
                ? null
                : request.correction().strip();
        if (correction != null && verdict.equals("correct")) {
            throw new InvalidInputException(
                    400, "A correction goes with the verdict \"incorrect\" only: a correct answer needs none.");
        }
        if (correction != null && correction.length() > config.maxCorrection()) {
            throw new InvalidInputException(
                    400,
                    "The correction has " + correction.length() + " characters; the limit is " + config.maxCorrection()
                            + ". Shorten it.");
        }
        return reviews.save(messageId, verdict, correction, reviewer.getUsername())
                .orElseThrow(() -> new InvalidInputException(404, "There is no recorded answer " + messageId + "."));
    }

    /** Answers users rated helpful and no reviewer found incorrect, newest first (raw text: mask before showing). */
    public List<RecordedAnswer> helpfulAnswers(int limit) {
        return reviews.vouched(true, limit);
    }

    /** Answers a reviewer judged, newest first (raw text: mask before showing). */
    public List<RecordedAnswer> reviewedAnswers(int limit) {
        return reviews.vouched(false, limit);
    }

    /** Reviews of these answers, for the personal-data export of whoever asked them. */
    public List<Map<String, Object>> exportOf(List<UUID> messageIds) {
        return messageIds.isEmpty() ? List.of() : reviews.reviewsOf(messageIds);
    }

    /** Replaces an erased reviewer's name on their reviews; how many named them. */
    public int forgetReviewer(String name, String replacement) {
        return reviews.forgetReviewer(name, replacement);
    }

    private static ReviewItem item(ReviewRepository.Row r, Map<Long, Passage> readable) {
        List<ReviewItem.Citation> citations = r.citations().stream()
                .map(c -> {
                    Passage p = readable.get(c.chunkId());
                    return p == null
                            ? new ReviewItem.Citation(c.n(), null, UNREADABLE, null, null)
                            : new ReviewItem.Citation(c.n(), p.documentId(), p.title(), p.page(), p.content());
                })
                .toList();
        ReviewItem.Feedback feedback = r.rating() == null
                ? null
                : new ReviewItem.Feedback(
                        r.rating(),
                        r.reason(),
                        FeedbackReason.fromCode(r.reason())
                                .map(FeedbackReason::label)
                                .orElse(null),
                        PiiMask.mask(r.comment()));
        return new ReviewItem(
                r.messageId(),
                r.askedAt(),
                PiiMask.mask(r.question()),
                r.answer(),
                r.answered(),
                r.provider(),
                r.model(),
                r.reasons(),
                r.groundedness(),
                r.uncited(),
                citations,
                feedback,
                r.review());
    }

    private static Optional<ReviewReason> reason(String code) {
        return oneOf(
                code,
                "reason",
                ReviewReason::fromCode,
                Arrays.stream(ReviewReason.values()).map(ReviewReason::code));
    }

    private static Optional<FeedbackReason> feedbackReason(String code) {
        return oneOf(
                code,
                "feedbackReason",
                FeedbackReason::fromCode,
                Arrays.stream(FeedbackReason.values()).map(FeedbackReason::code));
    }

    /** The value {@code code} names, empty when none is given; a 400 naming the choices when it names none of them. */
    private static <T> Optional<T> oneOf(
            String code, String name, Function<String, Optional<T>> parse, Stream<String> codes) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse.apply(code.strip())
                .orElseThrow(() -> new InvalidInputException(
                        400, "'" + name + "' must be one of " + codes.collect(Collectors.joining(", ")) + ".")));
    }

    private static ReviewFilter.Status status(String status) {
        if (status == null || status.isBlank()) {
            return ReviewFilter.Status.OPEN;
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> ReviewFilter.Status.OPEN;
            case "reviewed" -> ReviewFilter.Status.REVIEWED;
            case "all" -> ReviewFilter.Status.ALL;
            default -> throw new InvalidInputException(400, "'status' must be open, reviewed or all.");
        };
    }

    private static int whole(String text, String name, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range.
        }
        throw new InvalidInputException(
                400,
                "'" + name + "' must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
                        + ".");
    }
}
