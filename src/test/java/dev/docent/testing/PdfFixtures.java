package dev.docent.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** PDFs built with PDFBox: one page per string, "" for a page with nothing on it. */
public final class PdfFixtures {

    private PdfFixtures() {}

    public static Path pdf(Path dir, String title, String... pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(title);
            for (String text : pages) {
                addTextPage(doc, text);
            }
            return save(doc, dir, "document.pdf");
        }
    }

    /** Opens only with the user password "secret", as when someone protects a PDF before mailing it. */
    public static Path encryptedPdf(Path dir) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            addTextPage(doc, "Salaries for 2025 are confidential and listed per team below.");
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "secret", new AccessPermission());
            policy.setEncryptionKeyLength(256);
            doc.protect(policy);
            return save(doc, dir, "salaries.pdf");
        }
    }

    /** What a scanner produces: every page is a picture (here a grey image and a frame), no text at all. */
    public static Path scannedPdf(Path dir, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            BufferedImage scan = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(image, 72, 500, 400, 200);
                    content.addRect(60, 480, 430, 240);
                    content.stroke();
                }
            }
            return save(doc, dir, "scan.pdf");
        }
    }

    /** A real PDF cut off after its header and first bytes, as an interrupted download leaves it. */
    public static Path truncatedPdf(Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(pdf(dir, "Whole", "A page of text that will be cut off."));
        Path truncated = dir.resolve("truncated.pdf");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 4));
        return truncated;
    }

    private static void addTextPage(PDDocument doc, String text) throws IOException {
        PDPage page = new PDPage();
        doc.addPage(page);
        if (text.isEmpty()) {
            return;
        }
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            content.newLineAtOffset(72, 700);
            content.showText(text);
            content.endText();
        }
    }

    private static Path save(PDDocument doc, Path dir, String name) throws IOException {
        Path file = Files.createTempFile(dir, "fixture", name);
        doc.save(file.toFile());
        return file;
    }
}
