package dev.docent.ingestion.parse;

import dev.docent.ingestion.parse.DocumentRejectedException.Reason;
import java.time.Duration;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.mime.MediaType;

/** The messages Docent gives an admin for a refused upload: each says what is wrong and what to do about it. */
final class Rejections {

    private Rejections() {}

    static DocumentRejectedException emptyFile() {
        return new DocumentRejectedException(
                Reason.EMPTY, "The file is empty (0 bytes). Check that the upload finished and try again.");
    }

    static DocumentRejectedException unsupported(MediaType detected) {
        return new DocumentRejectedException(
                Reason.UNSUPPORTED_TYPE,
                "Docent cannot index this file: its content is " + detected + ". Docent accepts "
                        + SupportedFormat.describeAll() + "; convert the file to one of these and upload again.");
    }

    /** @param what what the admin uploaded, e.g. "PDF file" */
    static DocumentRejectedException encrypted(String what, Throwable cause) {
        return new DocumentRejectedException(
                Reason.ENCRYPTED,
                "The " + what + " is password-protected, so Docent cannot read it: remove the password and upload "
                        + "again.",
                cause);
    }

    static DocumentRejectedException noText(SupportedFormat format) {
        return new DocumentRejectedException(
                Reason.EMPTY,
                "The " + format.displayName() + " file contains no text to index. If it shows text when opened, "
                        + "the text is probably in images: export it with selectable text and upload again.");
    }

    static DocumentRejectedException noTextLayer(int pages, long characters) {
        return new DocumentRejectedException(
                Reason.NO_TEXT_LAYER,
                "This PDF has " + pages + (pages == 1 ? " page" : " pages") + " but only " + characters
                        + " characters of text, so it has no text layer: needs OCR. It is probably a scan: run it "
                        + "through text recognition (OCR) and upload the searchable PDF.");
    }

    /** @param why what went wrong, e.g. "tesseract (tesseract-ocr) is not installed" */
    static DocumentRejectedException ocrFailed(String why) {
        return new DocumentRejectedException(
                Reason.NO_TEXT_LAYER,
                "This PDF has no text layer and OCR could not read it: " + why
                        + ". Run it through text recognition (OCR) yourself and upload the searchable PDF.");
    }

    static DocumentRejectedException imageWithoutOcr() {
        return new DocumentRejectedException(
                Reason.UNSUPPORTED_TYPE,
                "This is an image, and text recognition (OCR) is off here, so Docent cannot read it: upload the"
                        + " text as a document, or ask the administrator to turn OCR on.");
    }

    static DocumentRejectedException imageTooLarge(long width, long height) {
        return new DocumentRejectedException(
                Reason.MALFORMED,
                "This image is " + width + " x " + height + " pixels, more than OCR reads (at most "
                        + ImageCheck.MAX_PIXELS / 1_000_000 + " megapixels): scale it down (300 dpi is enough) and"
                        + " upload again.");
    }

    static DocumentRejectedException ocrFoundNothing(int pages, OcrReport report) {
        return new DocumentRejectedException(
                Reason.NO_TEXT_LAYER,
                "This PDF has " + pages + (pages == 1 ? " page" : " pages") + " without a text layer, and OCR found no"
                        + " text on the " + report.pages().size() + " read"
                        + (report.reason() == null ? "" : " (" + report.reason() + ")")
                        + ". If it shows text, scan it at 300 dpi or more and upload again.");
    }

    static DocumentRejectedException tooMuchText(long maxCharacters, Throwable cause) {
        return new DocumentRejectedException(
                Reason.TOO_MUCH_TEXT,
                String.format(
                        Locale.ROOT,
                        "The document has more than %,d characters of text, more than Docent indexes from one file. "
                                + "Split it into smaller documents and upload them separately.",
                        maxCharacters),
                cause);
    }

    static DocumentRejectedException timeout(Duration timeout, boolean started) {
        String message = started
                ? "Reading the document took longer than " + seconds(timeout) + ", so Docent stopped. It may be "
                        + "damaged or unusually complex: save it again or split it, then upload again."
                : "Docent was busy reading other documents for longer than " + seconds(timeout)
                        + " and did not get to this one. Try again later.";
        return new DocumentRejectedException(Reason.TIMEOUT, message);
    }

    static DocumentRejectedException zipBomb(SupportedFormat format, Throwable cause) {
        return new DocumentRejectedException(
                Reason.MALFORMED,
                "The " + format.displayName() + " file expands to far more data than a real document would (a "
                        + "possible zip bomb), so Docent did not read it. If the file is genuine, save it again "
                        + "from the application that made it and upload the new copy.",
                cause);
    }

    static DocumentRejectedException pdfBomb(PdfBombCheck.Verdict verdict) {
        String why = switch (verdict) {
            case TOO_MANY_PAGES -> "has more than " + PdfBombCheck.MAX_PAGES + " pages";
            case IMAGE_TOO_LARGE ->
                "contains an image of more than " + PdfBombCheck.MAX_IMAGE_PIXELS / 1_000_000 + " megapixels";
            default -> "expands to far more data than a real document would (a possible PDF bomb)";
        };
        return new DocumentRejectedException(
                Reason.MALFORMED,
                "This PDF file " + why + ", so Docent did not read it. If the file is genuine, split it or export it"
                        + " again (e.g. print to PDF) and upload the new copy.",
                null);
    }

    /** Translates whatever a parser threw into the rejection an admin can act on. */
    static DocumentRejectedException parseFailure(Throwable failure, SupportedFormat format, long maxCharacters) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException
                    || t instanceof InvalidPasswordException
                    || t instanceof org.apache.poi.EncryptedDocumentException) {
                return encrypted(format.displayName() + " file", failure);
            }
            if (t instanceof WriteLimitReachedException) {
                return tooMuchText(maxCharacters, failure);
            }
            if (looksLikeZipBomb(t)) {
                return zipBomb(format, failure);
            }
        }
        String problem = failure instanceof StackOverflowError || failure instanceof OutOfMemoryError
                ? "is too deeply nested or too large to read"
                : "is damaged, incomplete or not a valid " + format.displayName() + " file";
        return new DocumentRejectedException(
                Reason.MALFORMED,
                "Docent could not read this " + format.displayName() + " file: it " + problem + ". Open it in the "
                        + "application that made it, save or export it again, and upload the new copy.",
                failure);
    }

    /** POI says "Zip bomb detected!", Tika's SecureContentHandler "Suspected zip bomb". */
    private static boolean looksLikeZipBomb(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("zip bomb") || lower.contains("max size of the expanded data");
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
