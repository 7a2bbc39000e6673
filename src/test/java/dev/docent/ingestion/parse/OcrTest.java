package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.PdfFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanned PDFs are read by Tesseract, page by page, within a page limit and a time limit the report states. */
class OcrTest {

    static final List<String> FIRST_PAGE = List.of(
            "Warehouse safety rules",
            "",
            "Forklift drivers wear a yellow helmet at all times.",
            "Pallets are never stacked higher than three levels.");
    static final List<String> SECOND_PAGE = List.of("Fire drills take place on the first Monday of every quarter.");

    @TempDir
    Path dir;

    @Test
    void aScannedPdfIsReadByOcrWithPagesAndConfidence() throws IOException {
        Path scan = PdfFixtures.scannedTextPdf(dir, "scan.pdf", List.of(FIRST_PAGE, SECOND_PAGE));

        ParsedDocument doc = parser(50, Duration.ofMinutes(5)).parse(scan, "scan.pdf");

        String text = doc.blocks().stream().map(Block::text).collect(Collectors.joining("\n"));
        assertTrue(text.contains("yellow helmet"), text);
        assertTrue(text.contains("three levels"), text);
        assertTrue(text.contains("Fire drills"), text);
        assertEquals(
                2,
                doc.blocks().stream()
                        .filter(b -> b.text().contains("Fire"))
                        .findFirst()
                        .orElseThrow()
                        .page());
        assertEquals("Warehouse safety rules", doc.title(), "a short first line is the title");
        OcrReport ocr = doc.report().ocr();
        assertNotNull(ocr, "the report says OCR read it");
        assertEquals(
                List.of(1, 2), ocr.pages().stream().map(OcrReport.Page::page).toList());
        assertTrue(ocr.pages().getFirst().confidence() > 80, "clean typed text reads with high confidence: " + ocr);
        assertEquals(0, ocr.pagesLeftOut());
        assertEquals("eng", ocr.languages());
    }

    @Test
    void pagesBeyondTheLimitAreLeftOutAndReported() throws IOException {
        Path scan = PdfFixtures.scannedTextPdf(dir, "long.pdf", List.of(FIRST_PAGE, SECOND_PAGE));

        ParsedDocument doc = parser(1, Duration.ofMinutes(5)).parse(scan, "long.pdf");

        assertEquals(1, doc.report().ocr().pages().size());
        assertEquals(1, doc.report().ocr().pagesLeftOut());
        assertEquals("page limit 1", doc.report().ocr().reason());
        assertTrue(doc.blocks().stream().noneMatch(b -> b.text().contains("Fire drills")));
    }

    @Test
    void theTimeLimitStopsOcrWithAClearMessage() throws IOException {
        Path scan = PdfFixtures.scannedTextPdf(dir, "slow.pdf", List.of(FIRST_PAGE));

        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> parser(50, Duration.ofMillis(1)).parse(scan, "slow.pdf"));

        assertEquals(DocumentRejectedException.Reason.NO_TEXT_LAYER, e.reason());
        assertTrue(e.getMessage().contains("time limit"), e.getMessage());
    }

    @Test
    void aScanOfNothingIsStillRefusedAfterOcr() throws IOException {
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> parser(50, Duration.ofMinutes(5)).parse(PdfFixtures.scannedPdf(dir, 2), "blank.pdf"));

        assertTrue(e.getMessage().contains("OCR found no text"), e.getMessage());
    }

    @Test
    void ocrLanguagesAreCheckedWhenConfigured() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new OcrSettings(true, "eng; rm -rf /", 1, Duration.ofMinutes(1), 300));
    }

    private static DocumentParser parser(int maxPages, Duration timeout) {
        return new DocumentParser(ParseLimits.defaults(), new OcrSettings(true, "eng", maxPages, timeout, 300));
    }
}
