package dev.docent.ingestion.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Decides a document's format from its bytes; the file name only tells Markdown, HTML and mail apart from plain text.
 *
 * <p>Tika's detector trusts the name when the bytes match no signature, so random bytes named {@code x.pdf} would
 * come back as a PDF. Detecting from the content first, and asking about the name only when the content is text,
 * keeps the name from ever making a binary file look like a document.
 *
 * <p>Tika sniffs text that merely starts like a news article ("Article 5 ...") as {@code message/news}, text with
 * mail-like lines as {@code message/rfc822}, shell scripts as {@code application/x-sh}: every type its registry
 * files under {@code text/plain} is read as plain text (XML excepted: markup is not prose), and only a {@code .eml}
 * file is read as a mail.
 */
final class FormatDetector {

    private static final MediaType OOXML_PROTECTED = MediaType.application("x-tika-ooxml-protected");
    private static final MediaType MAIL = MediaType.parse("message/rfc822");

    private final Detector detector;
    private final MediaTypeRegistry registry;

    FormatDetector(Detector detector, MediaTypeRegistry registry) {
        this.detector = detector;
        this.registry = registry;
    }

    /**
     * The format of the file's content.
     *
     * @throws DocumentRejectedException UNSUPPORTED_TYPE for other content, ENCRYPTED for a password-protected
     *     Office file (which is an encrypted container, not a zip)
     */
    SupportedFormat detect(Path file, String fileName) throws IOException {
        MediaType byContent = sniff(file, null);
        if (byContent.equals(MAIL)) {
            return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".eml")
                    ? SupportedFormat.EMAIL
                    : SupportedFormat.PLAIN_TEXT;
        }
        if (byContent.equals(MediaType.TEXT_PLAIN) || isOtherText(byContent)) {
            // Content is text, so any text flavour is safe to take from the name; .csv or .py stay plain text.
            MediaType byName = sniff(file, fileName);
            return SupportedFormat.of(byName.toString())
                    .filter(format -> format == SupportedFormat.MARKDOWN || format == SupportedFormat.HTML)
                    .orElse(SupportedFormat.PLAIN_TEXT);
        }
        if (byContent.equals(OOXML_PROTECTED)) {
            throw Rejections.encrypted("Office document", null);
        }
        return SupportedFormat.of(byContent.toString()).orElseThrow(() -> Rejections.unsupported(byContent));
    }

    /** A text type Docent has no parser of its own for (news, calendars, scripts, CSV...). */
    private boolean isOtherText(MediaType type) {
        return SupportedFormat.of(type.toString()).isEmpty()
                && registry.isInstanceOf(type, MediaType.TEXT_PLAIN)
                && !registry.isInstanceOf(type, MediaType.APPLICATION_XML);
    }

    private MediaType sniff(Path file, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detector.detect(in, metadata).getBaseType();
        }
    }
}
