package dev.docent.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
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

    /**
     * A scanned document: each page is a picture of typed lines (drawn with Java2D at 200 dpi, as a scanner would
     * deliver them), with no text layer, so only OCR can read it.
     */
    public static Path scannedTextPdf(Path dir, String name, List<List<String>> pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (List<String> lines : pages) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                BufferedImage scan = typedPage(lines);
                PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(image, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
                }
            }
            return save(doc, dir, name);
        }
    }

    /** A photo or scan of typed lines saved as an image ({@code png}, {@code jpeg} or {@code tiff}), for OCR. */
    public static Path scannedImage(Path dir, String name, String format, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        var writer = javax.imageio.ImageIO.getImageWritersByFormatName(format).next();
        var params = writer.getDefaultWriteParam();
        if (format.equals("tiff")) {
            // Uncompressed, a letter page at 200 dpi is 3.7 MB: scanners compress, and so does this one.
            params.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            params.setCompressionType("Deflate");
        }
        try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(typedPage(lines), null, null), params);
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static BufferedImage typedPage(List<String> lines) {
        int dpi = 200;
        BufferedImage image = new BufferedImage((int) (8.5 * dpi), 11 * dpi, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SERIF, Font.PLAIN, 12 * dpi / 72));
            int y = dpi;
            for (String line : lines) {
                g.drawString(line, dpi, y);
                y += 20 * dpi / 72;
            }
        } finally {
            g.dispose();
        }
        return image;
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
