package dev.docent.ingestion;

import java.util.List;

/**
 * One page of the documents list.
 *
 * @param total documents matching the filter, on every page (the list is never cut off silently)
 * @param offset documents skipped before this page
 * @param limit most documents per page, as applied (the request's, capped at the hard maximum)
 * @param sort the order applied, as named in {@code ?sort=}
 * @param descending whether that order runs downwards
 * @param items this page's documents, without parse reports; queued ones carry their place in the queue
 */
public record DocumentPage(
        long total, int offset, int limit, String sort, boolean descending, List<DocumentView> items) {}
