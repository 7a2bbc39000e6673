package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/** The collector on its own, fed SAX events the way Tika emits them. */
class BlockCollectorTest {

    private final BlockCollector collector = new BlockCollector(null, false, 10_000);

    @Test
    void textOutsideAnyBlockIsKept() throws SAXException {
        text("Loose words ");
        start("p");
        text("In a paragraph");
        end("p");
        text(" trailing words");
        collector.endDocument();

        assertEquals(List.of("Loose words", "In a paragraph", "trailing words"), texts());
    }

    @Test
    void aSkippedHeadingLevelNestsAndAnEqualLevelReplaces() throws SAXException {
        heading("h1", "Guide");
        heading("h3", "Details");
        paragraph("Deep text");
        heading("h2", "Other");
        paragraph("Sibling text");
        heading("h1", "Appendix");
        paragraph("Last text");

        assertEquals(
                List.of(List.of("Guide", "Details"), List.of("Guide", "Other"), List.of("Appendix")),
                collector.blocks().stream().map(Block::headingPath).toList());
        assertEquals(4, collector.headings());
        assertEquals("Guide", collector.firstHeading());
    }

    @Test
    void aHeadingStyleOnAWholeParagraphKeepsTheTextAsABlock() throws SAXException {
        String longText = "word ".repeat(HeadingTrail.MAX_HEADING_LENGTH / 4).strip();
        heading("h1", longText);

        assertEquals(List.of(longText), texts());
        assertEquals(0, collector.headings());
    }

    @Test
    void aWordTableRowWithParagraphsInItsCellsIsOneBlock() throws SAXException {
        start("table");
        start("tr");
        for (String cell : new String[] {"Plan", "", "Price"}) {
            start("td");
            paragraph(cell);
            end("td");
        }
        end("tr");
        end("table");

        assertEquals(List.of("Plan | Price"), texts());
    }

    @Test
    void controlCharactersAndInvisibleMarksAreDropped() throws SAXException {
        paragraph("Null\u0000 byte, soft\u00ADhyphen, zero\u200Bwidth,\u00A0non-breaking\tspace\uFFFD");

        assertEquals(List.of("Null byte, softhyphen, zerowidth, non-breaking space"), texts());
    }

    @Test
    void pagesAdvanceAtEachPageMarkerAndEmptyPagesAreCounted() throws SAXException {
        BlockCollector pdf = new BlockCollector("page", false, 10_000);
        for (String text : new String[] {"First", "", "Third"}) {
            AttributesImpl page = new AttributesImpl();
            page.addAttribute("", "class", "class", "CDATA", "page");
            pdf.startElement("", "div", "div", page);
            pdf.startElement("", "p", "p", new AttributesImpl());
            pdf.characters(text.toCharArray(), 0, text.length());
            pdf.endElement("", "p", "p");
            pdf.endElement("", "div", "div");
        }

        assertEquals(List.of(1, 3), pdf.blocks().stream().map(Block::page).toList());
        assertEquals(3, pdf.pages());
        assertEquals(1, pdf.emptyPages());
    }

    private List<String> texts() {
        return collector.blocks().stream().map(Block::text).toList();
    }

    private void heading(String level, String text) throws SAXException {
        start(level);
        text(text);
        end(level);
    }

    private void paragraph(String text) throws SAXException {
        start("p");
        text(text);
        end("p");
    }

    private void start(String name) throws SAXException {
        collector.startElement("", name, name, new AttributesImpl());
    }

    private void end(String name) throws SAXException {
        collector.endElement("", name, name);
    }

    private void text(String text) throws SAXException {
        collector.characters(text.toCharArray(), 0, text.length());
    }
}
