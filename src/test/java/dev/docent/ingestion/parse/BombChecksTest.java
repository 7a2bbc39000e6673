package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip and PDF bombs are refused by the bytes they expand to, however the ratio looks, before a parser reads them. */
class BombChecksTest {

    @TempDir
    Path dir;

    @Test
    void aLargeZipMayNotExpandBeyondTheByteCapWhateverItsRatio() {
        long fiftyMb = 50L * 1024 * 1024;
        assertTrue(
                ZipBombCheck.allowance(fiftyMb, ZipBombCheck.MAX_EXPANDED_BYTES) <= 256L * 1024 * 1024,
                "a 50 MB file used to be allowed 5 GB");
    }

    @Test
    void aZipWithinTheRatioButOverTheByteCapIsRefused() throws IOException {
        Path zip = dir.resolve("many-parts.docx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 3; i++) {
                out.putNextEntry(new ZipEntry("word/part" + i + ".xml"));
                out.write(new byte[2 * 1024 * 1024]);
                out.closeEntry();
            }
        }
        assertTrue(ZipBombCheck.expandsTooMuch(zip, 4L * 1024 * 1024), "6 MB expanded, 4 MB cap");
    }

    @Test
    void aPdfWhoseStreamsInflateFarBeyondItsSizeIsRefusedBeforeParsing() throws IOException {
        Path bomb = pdfWithContentStream(dir.resolve("bomb.pdf"), 40L * 1024 * 1024);
        assertTrue(Files.size(bomb) < 200_000, "the bomb is small: " + Files.size(bomb));
        assertEquals(PdfBombCheck.Verdict.EXPANDS_TOO_MUCH, PdfBombCheck.check(bomb));

        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> new DocumentParser(ParseLimits.defaults()).parse(bomb, "bomb.pdf"));
        assertTrue(e.getMessage().contains("possible PDF bomb"), e.getMessage());
    }

    @Test
    void aPdfDeclaringAGiganticImageIsRefused() throws IOException {
        Path pdf = dir.resolve("huge-image.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            byte[] tiny = deflate(new byte[1024]);
            PDImageXObject image = new PDImageXObject(
                    doc,
                    new ByteArrayInputStream(tiny),
                    COSName.FLATE_DECODE,
                    60_000,
                    60_000,
                    8,
                    PDDeviceGray.INSTANCE);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, 0, 10, 10);
            }
            doc.save(pdf.toFile());
        }
        assertEquals(PdfBombCheck.Verdict.IMAGE_TOO_LARGE, PdfBombCheck.check(pdf));
    }

    @Test
    void anOrdinaryPdfPasses() throws IOException {
        Path pdf = dir.resolve("handbook.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(pdf.toFile());
        }
        assertEquals(PdfBombCheck.Verdict.FINE, PdfBombCheck.check(pdf));
    }

    /** A one-page PDF whose content stream is {@code bytes} of spaces, stored Flate-compressed. */
    private static Path pdfWithContentStream(Path file, long bytes) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream raw = stream.createRawOutputStream();
                    DeflaterOutputStream out = new DeflaterOutputStream(raw, new Deflater(9))) {
                byte[] spaces = new byte[1024 * 1024];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (long written = 0; written < bytes; written += spaces.length) {
                    out.write(spaces);
                }
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            page.setContents(new PDStream(stream));
            doc.save(file.toFile());
        }
        return file;
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
