package dev.docent.ingestion.parse;

import java.util.BitSet;

/** The current page of a paged document, and which pages produced any text. */
final class PageTracker {

    private final BitSet pagesWithText = new BitSet();
    private int page;

    /** The current page, 1-based; 0 before the first page marker and in formats without pages. */
    int current() {
        return page;
    }

    void nextPage() {
        page++;
    }

    void textOnCurrentPage() {
        pagesWithText.set(page);
    }

    int pages() {
        return page;
    }

    /** Pages (from 1) on which no text at all was found: scanned pages, images, blank separators. */
    int emptyPages() {
        return page - pagesWithText.get(1, page + 1).cardinality();
    }
}
