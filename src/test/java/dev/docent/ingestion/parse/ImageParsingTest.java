package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.PdfFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images are accepted by their content, and refused with a reason when OCR is off. */
class ImageParsingTest {

    private static final DocumentParser WITHOUT_OCR = new DocumentParser(ParseLimits.defaults());

    @TempDir
    Path dir;

    @Test
    void pngJpegAndTiffAreRecognisedFromTheirBytesWhateverTheirName() throws Exception {
        for (var format : List.of(
                List.of("png", SupportedFormat.PNG),
                List.of("jpeg", SupportedFormat.JPEG),
                List.of("tiff", SupportedFormat.TIFF))) {
            Path image = PdfFixtures.scannedImage(
                    dir, "scan-" + format.get(0) + ".bin", (String) format.get(0), List.of("Hello"));
            assertEquals(format.get(1), WITHOUT_OCR.checkSupported(image, "scan.bin"));
        }
    }

    @Test
    void withOcrOffAnImageIsRefusedSayingWhy() throws Exception {
        Path image = PdfFixtures.scannedImage(dir, "note.png", "png", List.of("Hello"));
        DocumentRejectedException e =
                assertThrows(DocumentRejectedException.class, () -> WITHOUT_OCR.parse(image, "note.png"));
        assertEquals(DocumentRejectedException.Reason.UNSUPPORTED_TYPE, e.reason());
        assertTrue(e.getMessage().contains("(OCR) is off"), e.getMessage());
    }
}
