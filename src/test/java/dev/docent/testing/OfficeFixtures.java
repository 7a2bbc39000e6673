package dev.docent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Office and OpenDocument files built with POI (and, for ODT, by hand: it is a zip of XML). */
public final class OfficeFixtures {

    private OfficeFixtures() {}

    /**
     * A Word file; lines starting with "#", "##"... use the styles Word calls "heading 1", "heading 2"... A new POI
     * document defines no styles at all, so they are declared here as Word would.
     */
    public static Path docx(Path dir, String... lines) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFStyles styles = doc.createStyles();
            for (int level = 1; level <= 3; level++) {
                CTStyle style = CTStyle.Factory.newInstance();
                style.setStyleId("Heading" + level);
                style.setType(STStyleType.PARAGRAPH);
                CTString name = CTString.Factory.newInstance();
                name.setVal("heading " + level);
                style.setName(name);
                styles.addStyle(new XWPFStyle(style));
            }
            for (String line : lines) {
                int level = line.indexOf(' ');
                XWPFParagraph paragraph = doc.createParagraph();
                if (line.startsWith("#")) {
                    paragraph.setStyle("Heading" + level);
                    line = line.substring(level + 1);
                }
                paragraph.createRun().setText(line);
            }
            return write(dir, "document.docx", doc::write);
        }
    }

    /** A Word file that opens only with the password "secret" (Word's "Encrypt with password"). */
    public static Path encryptedDocx(Path dir) throws IOException, GeneralSecurityException {
        Path plain = docx(dir, "Board minutes: the merger is approved.");
        EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
        Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        try (POIFSFileSystem container = new POIFSFileSystem()) {
            try (OPCPackage document = OPCPackage.open(plain.toFile(), PackageAccess.READ_WRITE);
                    OutputStream out = encryptor.getDataStream(container)) {
                document.save(out);
            }
            return write(dir, "minutes.docx", container::writeFilesystem);
        } catch (InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    /** A deck with one text box per slide. */
    public static Path pptx(Path dir, String... slides) throws IOException {
        try (XMLSlideShow deck = new XMLSlideShow()) {
            for (String text : slides) {
                XSLFTextBox box = deck.createSlide().createTextBox();
                box.setText(text);
            }
            return write(dir, "deck.pptx", deck::write);
        }
    }

    /** A workbook with one sheet; each row's cells given as an array. */
    public static Path xlsx(Path dir, String sheetName, String[]... rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet(sheetName);
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            return write(dir, "sheet.xlsx", workbook::write);
        }
    }

    /** An OpenDocument text with a level-1 heading and a paragraph. */
    public static Path odt(Path dir, String heading, String paragraph) throws IOException {
        String content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                  <office:body><office:text>
                    <text:h text:outline-level="1">%s</text:h>
                    <text:p>%s</text:p>
                  </office:text></office:body>
                </office:document-content>
                """.formatted(heading, paragraph);
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
                  <manifest:file-entry manifest:full-path="/"
                      manifest:media-type="application/vnd.oasis.opendocument.text"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """;
        Path file = Files.createTempFile(dir, "fixture", "notes.odt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            // ODF requires "mimetype" first and uncompressed: that is how readers recognize the format.
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            HostileFixtures.putText(zip, "content.xml", content);
            HostileFixtures.putText(zip, "META-INF/manifest.xml", manifest);
        }
        return file;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static Path write(Path dir, String name, Writer writer) throws IOException {
        Path file = Files.createTempFile(dir, "fixture", name);
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(out);
        }
        return file;
    }
}
