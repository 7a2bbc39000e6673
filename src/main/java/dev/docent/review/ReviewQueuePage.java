package dev.docent.review;

import java.util.List;

/**
 * One page of the review queue.
 *
 * @param total answers matching the filter, on every page
 * @param lowGroundedness the groundedness below which an answer enters the queue
 */
public record ReviewQueuePage(List<ReviewItem> items, int total, int offset, int limit, double lowGroundedness) {}
