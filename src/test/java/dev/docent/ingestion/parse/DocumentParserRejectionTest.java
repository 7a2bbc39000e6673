package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.ingestion.parse.DocumentRejectedException.Reason;
import dev.docent.testing.HostileFixtures;
import dev.docent.testing.OfficeFixtures;
import dev.docent.testing.PdfFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentParserRejectionTest {

    private static final DocumentParser PARSER = new DocumentParser(ParseLimits.defaults());

    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsRefusedAsEmpty() throws IOException {
        DocumentRejectedException e = rejected(write("empty.pdf", ""), "empty.pdf");

        assertEquals(Reason.EMPTY, e.reason());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aFileOfOnlyWhitespaceIsRefusedAsEmpty() throws IOException {
        assertEquals(
                Reason.EMPTY,
                rejected(write("blank.txt", " \n\t\r\n  \n"), "blank.txt").reason());
    }

    @Test
    void aZipNamedPdfIsRefusedNamingItsRealType() throws IOException {
        DocumentRejectedException e = rejected(HostileFixtures.zip(dir, "report.pdf"), "report.pdf");

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertTrue(e.getMessage().contains("application/zip"), e.getMessage());
        assertTrue(e.getMessage().contains("PDF, Word (DOCX)"), "lists what is accepted: " + e.getMessage());
    }

    @Test
    void anExecutableIsRefusedAsUnsupported() throws IOException {
        DocumentRejectedException e = rejected(HostileFixtures.elf(dir, "manual.docx"), "manual.docx");

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertTrue(e.getMessage().contains("application/x-executable"), e.getMessage());
    }

    @Test
    void randomBytesNamedPdfAreRefusedAsUnsupportedNotTrustedByName() throws IOException {
        DocumentRejectedException e = rejected(HostileFixtures.randomBytes(dir, "scan.pdf"), "scan.pdf");

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertTrue(e.getMessage().contains("application/octet-stream"), e.getMessage());
    }

    @Test
    void anUploadIsCheckedForItsTypeBeforeItIsQueued() throws IOException {
        Path zip = HostileFixtures.zip(dir, "handbook.docx");
        Path md = write("upload-7", "# Handbook");

        assertEquals(
                Reason.UNSUPPORTED_TYPE,
                assertThrows(DocumentRejectedException.class, () -> PARSER.checkSupported(zip, "handbook.docx"))
                        .reason());
        assertEquals(SupportedFormat.MARKDOWN, PARSER.checkSupported(md, "handbook.md"));
    }

    @Test
    void xmlIsRefusedAsUnsupportedEvenWithATextName() throws IOException {
        Path xml = write("data.txt", "<?xml version=\"1.0\"?><orders><order id=\"1\"/></orders>");

        assertEquals(Reason.UNSUPPORTED_TYPE, rejected(xml, "data.txt").reason());
    }

    @Test
    void aPasswordProtectedPdfAsksForThePasswordToBeRemoved() throws IOException {
        DocumentRejectedException e = rejected(PdfFixtures.encryptedPdf(dir), "salaries.pdf");

        assertEquals(Reason.ENCRYPTED, e.reason());
        assertTrue(e.getMessage().contains("remove the password and upload again"), e.getMessage());
    }

    @Test
    void aPasswordProtectedWordFileAsksForThePasswordToBeRemoved() throws Exception {
        DocumentRejectedException e = rejected(OfficeFixtures.encryptedDocx(dir), "minutes.docx");

        assertEquals(Reason.ENCRYPTED, e.reason());
        assertTrue(e.getMessage().contains("remove the password and upload again"), e.getMessage());
    }

    @Test
    void scannedPdfIsRefusedAsNeedingOcr() throws IOException {
        DocumentRejectedException e = rejected(PdfFixtures.scannedPdf(dir, 3), "scan.pdf");

        assertEquals(Reason.NO_TEXT_LAYER, e.reason());
        assertTrue(e.getMessage().contains("no text layer: needs OCR"), e.getMessage());
        assertTrue(e.getMessage().contains("3 pages"), e.getMessage());
    }

    @Test
    void aPdfWithOnlyPageNumbersIsRefusedAsNeedingOcr() throws IOException {
        Path pdf = PdfFixtures.pdf(dir, "Scan", "1", "2", "3", "4");

        assertEquals(Reason.NO_TEXT_LAYER, rejected(pdf, "scan.pdf").reason());
    }

    @Test
    void aTruncatedPdfIsRefusedAsMalformedWithoutAStackTrace() throws IOException {
        DocumentRejectedException e = rejected(PdfFixtures.truncatedPdf(dir), "cut.pdf");

        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("\tat "), e.getMessage());
    }

    @Test
    void aDocxZipBombIsRefusedBeforeItFillsMemory() throws IOException {
        Path bomb = HostileFixtures.zipBombDocx(dir, 400);

        // Refused while inflating the first few MB (about 0.1 s); loading all 400 MB, as Tika alone would, takes ~10 s.
        DocumentRejectedException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected(bomb, "q.docx"));

        assertTrue(
                e.reason() == Reason.MALFORMED || e.reason() == Reason.TOO_MUCH_TEXT,
                e.reason().name());
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void aSmallZipBombIsStoppedByTikasOwnProtection() throws IOException {
        // 15 MB of text from a 15 KB file: under the zip check's 20 MB floor, so Tika's SecureContentHandler decides.
        DocumentRejectedException e = rejected(HostileFixtures.zipBombDocx(dir, 15), "q.docx");

        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void anExternalEntityInADocxNeverLeaksLocalFiles() throws IOException {
        assertNoLocalFileLeaks(HostileFixtures.xxeDocx(dir), "xxe.docx");
    }

    @Test
    void anExternalEntityInXhtmlNeverLeaksLocalFiles() throws IOException {
        assertNoLocalFileLeaks(HostileFixtures.xxeXhtml(dir), "leak.xhtml");
    }

    private void assertNoLocalFileLeaks(Path file, String name) {
        try {
            ParsedDocument doc = PARSER.parse(file, name);
            String text = DocumentParserFormatsTest.allText(doc);
            assertFalse(text.contains("root:"), text);
        } catch (DocumentRejectedException e) {
            assertFalse(e.getMessage().contains("root:"), e.getMessage());
        }
    }

    private DocumentRejectedException rejected(Path file, String name) {
        return assertThrows(DocumentRejectedException.class, () -> PARSER.parse(file, name));
    }

    private Path write(String name, String text) throws IOException {
        return HostileFixtures.write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }
}
