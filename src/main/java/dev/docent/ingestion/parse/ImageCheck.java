package dev.docent.ingestion.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Refuses images whose pixel count is beyond what OCR should decode: a small PNG can declare 50,000 x 50,000 pixels
 * (a decompression bomb), which Tesseract would try to hold in memory. Reads the dimensions from the header only.
 */
final class ImageCheck {

    /** About a 300-dpi A0 poster; a scanned page at 300 dpi is 8.7 megapixels. */
    static final long MAX_PIXELS = 150_000_000L;

    private ImageCheck() {}

    static void check(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return; // Tesseract decides; its time limit still applies
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw Rejections.imageTooLarge(width, height);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw Rejections.parseFailure(e, SupportedFormat.PNG, 0);
        }
    }
}
