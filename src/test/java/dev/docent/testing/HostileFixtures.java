package dev.docent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files that are not what they claim to be, or are built to hurt a parser. */
public final class HostileFixtures {

    private static final String CONTENT_TYPES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/word/document.xml"
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            </Types>
            """;

    private static final String RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Target="word/document.xml"
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
            </Relationships>
            """;

    private static final String DOCUMENT_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String BODY_START =
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>";
    private static final String BODY_END = "</w:t></w:r></w:p></w:body></w:document>";

    private HostileFixtures() {}

    /** A zip archive of a text file, saved under a document's name. */
    public static Path zip(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            putText(zip, "readme.txt", "This is an archive, not a document.");
        }
        return file;
    }

    /** The start of a Linux executable. */
    public static Path elf(Path dir, String name) throws IOException {
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};
        byte[] bytes = new byte[4096];
        System.arraycopy(header, 0, bytes, 0, header.length);
        return write(dir, name, bytes);
    }

    public static Path randomBytes(Path dir, String name) throws IOException {
        byte[] bytes = new byte[8192];
        new Random(42).nextBytes(bytes);
        return write(dir, name, bytes);
    }

    /** A DOCX of a few hundred KB whose document.xml inflates to {@code megabytes} MB of one repeated letter. */
    public static Path zipBombDocx(Path dir, int megabytes) throws IOException {
        Path file = dir.resolve("bomb.docx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            putText(zip, "[Content_Types].xml", CONTENT_TYPES);
            putText(zip, "_rels/.rels", RELS);
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write((DOCUMENT_START + BODY_START).getBytes(StandardCharsets.UTF_8));
            byte[] letters = "a".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < megabytes; i++) {
                zip.write(letters);
            }
            zip.write(BODY_END.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    /** A DOCX whose text is an external entity pointing at /etc/passwd: the classic XXE file-disclosure attack. */
    public static Path xxeDocx(Path dir) throws IOException {
        Path file = dir.resolve("xxe.docx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            putText(zip, "[Content_Types].xml", CONTENT_TYPES);
            putText(zip, "_rels/.rels", RELS);
            putText(
                    zip,
                    "word/document.xml",
                    DOCUMENT_START + xxeDoctype("w:document") + BODY_START + "Before &xxe; after" + BODY_END);
        }
        return file;
    }

    /** An XHTML page with the same external entity. */
    public static Path xxeXhtml(Path dir) throws IOException {
        String page = DOCUMENT_START + xxeDoctype("html")
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Leak</title></head>"
                + "<body><p>Before &xxe; after</p></body></html>";
        return write(dir, "leak.xhtml", page.getBytes(StandardCharsets.UTF_8));
    }

    public static void putText(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    private static String xxeDoctype(String root) {
        return "<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    }
}
