package dev.docent.ingestion.parse;

import java.time.Duration;
import java.util.Objects;

/**
 * How scanned PDFs are read by OCR (Tesseract, pages rendered by poppler's pdftoppm).
 *
 * @param enabled false: a PDF without a text layer is refused as before, asking for a searchable PDF
 * @param languages Tesseract languages, e.g. {@code eng} or {@code eng+deu} (each needs its tesseract-ocr-LANG package)
 * @param maxPages pages read per document; later pages are left out and the parse report says so
 * @param timeout the longest OCR of one document may take; pages not reached are left out and reported
 * @param dpi rendering resolution: Tesseract reads 300 dpi best
 */
public record OcrSettings(boolean enabled, String languages, int maxPages, Duration timeout, int dpi) {

    public static final String DEFAULT_LANGUAGES = "eng";
    public static final int DEFAULT_MAX_PAGES = 50;

    /** About 1.2-1.5 s per 300-dpi page measured here: 50 pages fit with room for a loaded machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public static final int DEFAULT_DPI = 300;

    public OcrSettings {
        Objects.requireNonNull(languages, "languages");
        if (!languages.matches("[A-Za-z_]+(\\+[A-Za-z_]+)*")) {
            throw new IllegalArgumentException("OCR languages look like eng or eng+deu, not: " + languages);
        }
        if (maxPages <= 0 || dpi < 72 || dpi > 600) {
            throw new IllegalArgumentException("OCR needs maxPages > 0 and a dpi between 72 and 600");
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    /** OCR off: for tests and installations without Tesseract. */
    public static OcrSettings disabled() {
        return new OcrSettings(false, DEFAULT_LANGUAGES, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, DEFAULT_DPI);
    }
}
