package dev.docent.ingestion.parse;

import java.util.List;

/**
 * What OCR did for one scanned PDF, for the parse report.
 *
 * @param pages the pages read, each with its mean word confidence (0-100, Tesseract's)
 * @param pagesLeftOut pages beyond the page limit or the time limit, not read
 * @param reason why pages were left out ("page limit 50", "time limit PT5M"); null when none were
 * @param languages the Tesseract languages used
 */
public record OcrReport(List<Page> pages, int pagesLeftOut, String reason, String languages) {

    /** One page read by OCR. */
    public record Page(int page, double confidence, int characters) {}
}
