package dev.docent.ingestion.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The document formats Docent indexes, with the names and file extensions the upload page shows. */
public enum SupportedFormat {
    PDF("PDF", List.of(".pdf"), "application/pdf"),
    DOCX("Word (DOCX)", List.of(".docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PPTX(
            "PowerPoint (PPTX)",
            List.of(".pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    XLSX("Excel (XLSX)", List.of(".xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ODT("OpenDocument text (ODT)", List.of(".odt"), "application/vnd.oasis.opendocument.text"),
    RTF("RTF", List.of(".rtf"), "application/rtf", "text/rtf"),
    HTML("HTML", List.of(".html", ".htm", ".xhtml"), "text/html", "application/xhtml+xml"),
    MARKDOWN("Markdown", List.of(".md", ".markdown"), "text/markdown", "text/x-web-markdown", "text/x-markdown"),
    EMAIL("mail (EML)", List.of(".eml"), "message/rfc822"),
    PLAIN_TEXT("plain text", List.of(".txt", ".csv", ".log"), "text/plain"),
    PNG("PNG image (read by OCR)", List.of(".png"), "image/png"),
    JPEG("JPEG image (read by OCR)", List.of(".jpg", ".jpeg"), "image/jpeg"),
    TIFF("TIFF image (read by OCR)", List.of(".tif", ".tiff"), "image/tiff");

    private final String displayName;
    private final List<String> extensions;
    private final String mediaType;
    private final List<String> aliases;

    SupportedFormat(String displayName, List<String> extensions, String mediaType, String... aliases) {
        this.displayName = displayName;
        this.extensions = extensions;
        this.mediaType = mediaType;
        this.aliases = List.of(aliases);
    }

    /** A name an admin recognizes, e.g. "Word (DOCX)". */
    public String displayName() {
        return displayName;
    }

    /** Usual file extensions, for the upload form's {@code accept} attribute. */
    public List<String> extensions() {
        return extensions;
    }

    /** The media type Docent reports for documents of this format. */
    public String mediaType() {
        return mediaType;
    }

    /** Whether the file is a zip of XML parts (Office Open XML, OpenDocument). */
    public boolean zipped() {
        return this == DOCX || this == PPTX || this == XLSX || this == ODT;
    }

    /** Whether the file is a picture, whose only text is what OCR reads. */
    public boolean image() {
        return this == PNG || this == JPEG || this == TIFF;
    }

    /** The format with this media type (parameters such as charset ignored), if Docent reads it. */
    public static Optional<SupportedFormat> of(String mediaType) {
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.mediaType.equals(base) || format.aliases.contains(base))
                .findFirst();
    }

    /** "PDF, Word (DOCX), ... and plain text": for messages that list what Docent accepts. */
    public static String describeAll() {
        List<String> names =
                Arrays.stream(values()).map(SupportedFormat::displayName).toList();
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " and "
                + names.getLast();
    }
}
