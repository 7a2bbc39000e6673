package dev.docent.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Word text a reader never sees: runs marked hidden ({@code <w:vanish/>}), set in a font of at most one point, or in
 * white. Tika extracts them like any text and says nothing of their formatting, so this reads the document part
 * itself (a second, cheap pass: the zip was checked for bombs before Tika opened it). Hidden formatting that comes
 * from a style rather than the run is not seen.
 */
final class DocxHiddenRuns {

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /** Half-points: 2 is one point, too small to read. */
    private static final int MAX_TINY_HALF_POINTS = 2;

    private DocxHiddenRuns() {}

    /** The hidden runs of a DOCX, consecutive ones joined; empty when the part cannot be read. */
    static List<HiddenRun> read(Path docx) {
        try (ZipFile zip = new ZipFile(docx.toFile())) {
            ZipEntry part = zip.getEntry("word/document.xml");
            if (part == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(part)) {
                return scan(in);
            }
        } catch (IOException | XMLStreamException e) {
            // Tika read the document; a part this pass cannot read only means no hidden text is reported.
            return List.of();
        }
    }

    static List<HiddenRun> scan(InputStream documentXml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(documentXml);
        List<HiddenRun> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder pending = new StringBuilder();
        String why = null;
        String pendingWhy = null;
        boolean inRun = false;
        boolean inProperties = false;
        boolean inText = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && W.equals(xml.getNamespaceURI())) {
                switch (xml.getLocalName()) {
                    case "r" -> {
                        inRun = true;
                        why = null;
                        text.setLength(0);
                    }
                    case "rPr" -> inProperties = inRun;
                    case "vanish", "specVanish", "webHidden" -> why = inProperties && on(xml) ? "hidden run" : why;
                    case "sz" ->
                        why = inProperties && tiny(xml.getAttributeValue(W, "val")) ? "font of 1 pt or less" : why;
                    case "color" -> why = inProperties && white(xml.getAttributeValue(W, "val")) ? "white text" : why;
                    case "t" -> inText = inRun;
                    default -> {}
                }
            } else if (event == XMLStreamConstants.CHARACTERS && inText) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT && W.equals(xml.getNamespaceURI())) {
                switch (xml.getLocalName()) {
                    case "rPr" -> inProperties = false;
                    case "t" -> inText = false;
                    case "r" -> {
                        inRun = false;
                        if (why != null) {
                            if (pendingWhy != null && !pendingWhy.equals(why)) {
                                flush(out, pending, pendingWhy);
                            }
                            pending.append(text);
                            pendingWhy = why;
                        } else if (!text.toString().isBlank()) {
                            flush(out, pending, pendingWhy);
                            pendingWhy = null;
                        }
                    }
                    case "p" -> pending.append(' ');
                    default -> {}
                }
            }
        }
        flush(out, pending, pendingWhy);
        return out;
    }

    private static void flush(List<HiddenRun> out, StringBuilder pending, String why) {
        String text = pending.toString().replaceAll("\\s+", " ").strip();
        pending.setLength(0);
        if (why != null
                && text.codePoints().filter(Character::isLetter).count() >= 3
                && out.size() < BlockCollector.MAX_HIDDEN_RUNS) {
            out.add(new HiddenRun(
                    text.length() <= BlockCollector.HIDDEN_RUN_LIMIT
                            ? text
                            : text.substring(0, BlockCollector.HIDDEN_RUN_LIMIT),
                    why));
        }
    }

    /** A toggle property is on unless its value says otherwise. */
    private static boolean on(XMLStreamReader xml) {
        String v = xml.getAttributeValue(W, "val");
        return v == null || !(v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off"));
    }

    private static boolean tiny(String halfPoints) {
        try {
            return halfPoints != null && Integer.parseInt(halfPoints.strip()) <= MAX_TINY_HALF_POINTS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean white(String color) {
        return color != null && color.toUpperCase(Locale.ROOT).equals("FFFFFF");
    }
}
