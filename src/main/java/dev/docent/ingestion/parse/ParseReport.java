package dev.docent.ingestion.parse;

/**
 * What parsing found in one document, for the admin's ingestion report.
 *
 * @param pages pages (PDF) or slides (PPTX); 0 for formats without pages
 * @param characters characters of text extracted, headings included
 * @param emptyPages pages or slides that yielded no text at all
 * @param headings headings found (h1 to h6 in the document's structure)
 * @param parseMillis wall-clock time spent detecting and parsing (OCR included)
 * @param ocr what OCR read, for a scanned PDF; null otherwise
 */
public record ParseReport(int pages, long characters, int emptyPages, int headings, long parseMillis, OcrReport ocr) {

    public ParseReport(int pages, long characters, int emptyPages, int headings, long parseMillis) {
        this(pages, characters, emptyPages, headings, parseMillis, null);
    }
}
