package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.HostileFixtures;
import dev.docent.testing.OfficeFixtures;
import dev.docent.testing.PdfFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentParserFormatsTest {

    private static final DocumentParser PARSER = new DocumentParser(ParseLimits.defaults());

    @TempDir
    Path dir;

    @Test
    void pdfBlocksCarryTheirPageNumberAndEmptyPagesAreCounted() throws IOException {
        Path pdf = PdfFixtures.pdf(
                dir,
                "Fruit handbook",
                "Apples are harvested in September and stored cold.",
                "",
                "Pears ripen after picking and bruise easily.");

        ParsedDocument doc = PARSER.parse(pdf, "fruit.pdf");

        assertEquals("Fruit handbook", doc.title());
        assertEquals("application/pdf", doc.mediaType());
        assertEquals(
                new Block(1, List.of(), "Apples are harvested in September and stored cold."),
                blockWith(doc, "Apples"));
        assertEquals(3, blockWith(doc, "Pears").page());
        assertEquals(3, doc.report().pages());
        assertEquals(1, doc.report().emptyPages());
    }

    @Test
    void docxHeadingStylesBecomeTheHeadingPath() throws IOException {
        Path docx = OfficeFixtures.docx(
                dir,
                "Read this first.",
                "# Installation",
                "## On Debian",
                "Run apt-get install docent.",
                "## On Windows",
                "Run the installer.",
                "# Support",
                "Mail the helpdesk.");

        ParsedDocument doc = PARSER.parse(docx, "guide.docx");

        assertEquals(List.of(), blockWith(doc, "Read this first").headingPath());
        assertEquals(
                List.of("Installation", "On Debian"), blockWith(doc, "apt-get").headingPath());
        assertEquals(
                List.of("Installation", "On Windows"),
                blockWith(doc, "installer").headingPath());
        assertEquals(List.of("Support"), blockWith(doc, "helpdesk").headingPath());
        assertEquals(4, doc.report().headings());
        assertEquals("Installation", doc.title(), "no metadata title, so the first heading");
        assertTrue(doc.blocks().stream().noneMatch(b -> b.text().equals("Installation")), "headings are not blocks");
    }

    @Test
    void pptxSlidesArePages() throws IOException {
        Path pptx = OfficeFixtures.pptx(dir, "Quarterly results", "Revenue grew by 12 percent", "Questions?");

        ParsedDocument doc = PARSER.parse(pptx, "q3.pptx");

        assertEquals(2, blockWith(doc, "Revenue grew").page());
        assertEquals(3, doc.report().pages());
        assertEquals("q3", doc.title(), "no title or heading, so the file name");
    }

    @Test
    void spreadsheetRowsAreBlocksUnderTheSheetName() throws IOException {
        Path xlsx =
                OfficeFixtures.xlsx(dir, "Prices", new String[] {"Plan", "Monthly"}, new String[] {"Team", "40 EUR"});

        ParsedDocument doc = PARSER.parse(xlsx, "prices.xlsx");

        assertEquals(new Block(0, List.of("Prices"), "Team | 40 EUR"), blockWith(doc, "Team"));
        assertEquals(0, doc.report().pages(), "sheets are not pages a citation could name");
    }

    @Test
    void odtHeadingsBecomeTheHeadingPath() throws IOException {
        Path odt = OfficeFixtures.odt(dir, "Travel policy", "Book trains for trips under four hours.");

        ParsedDocument doc = PARSER.parse(odt, "travel.odt");

        assertEquals("application/vnd.oasis.opendocument.text", doc.mediaType());
        assertEquals(List.of("Travel policy"), blockWith(doc, "trains").headingPath());
    }

    @Test
    void rtfTextIsExtracted() throws IOException {
        Path rtf = write(
                "refunds.rtf",
                "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard " + "Refunds take five working days.\\par}");

        ParsedDocument doc = PARSER.parse(rtf, "refunds.rtf");

        assertEquals("application/rtf", doc.mediaType());
        assertEquals(
                "Refunds take five working days.", blockWith(doc, "Refunds").text());
    }

    @Test
    void htmlHeadingsListsAndTablesKeepTheirStructureAndScriptsAreDropped() throws IOException {
        Path html = write("faq.html", """
                <!DOCTYPE html><html><head><title>Office FAQ</title><style>p { color: red }</style></head>
                <body><script>var secret = "tracking";</script>
                <h1>Office</h1><h2>Opening hours</h2>
                <p>We open at   8<br>and close at 18.</p>
                <ul><li>Closed on Sundays</li><li>Closed on holidays</li></ul>
                <table><tr><th>Floor</th><th>Team</th></tr><tr><td>2</td><td>Finance</td></tr></table>
                </body></html>""");

        ParsedDocument doc = PARSER.parse(html, "faq.html");

        assertEquals("Office FAQ", doc.title());
        assertEquals(
                List.of(
                        "We open at 8 and close at 18.",
                        "Closed on Sundays",
                        "Closed on holidays",
                        "Floor | Team",
                        "2 | Finance"),
                doc.blocks().stream().map(Block::text).toList());
        assertEquals(List.of("Office", "Opening hours"), doc.blocks().getFirst().headingPath());
        assertFalse(allText(doc).contains("tracking") || allText(doc).contains("color"));
    }

    @Test
    void markdownHeadingsBecomeTheHeadingPathAndRawHtmlIsOnlyText() throws IOException {
        Path md = write("install.md", """
                # Installation

                Read the requirements.

                ## On Debian

                Run `apt-get install docent`, then:

                - start the service
                - open the browser

                <div onclick="steal()">Inline <b>HTML</b> stays text</div>
                <script>alert('x')</script>
                """);

        ParsedDocument doc = PARSER.parse(md, "install.md");

        assertEquals("text/markdown", doc.mediaType());
        assertEquals(List.of("Installation"), blockWith(doc, "requirements").headingPath());
        assertEquals(
                List.of("Installation", "On Debian"),
                blockWith(doc, "start the service").headingPath());
        assertEquals("Inline HTML stays text", blockWith(doc, "Inline").text());
        assertFalse(allText(doc).contains("alert") || allText(doc).contains("steal"));
        assertEquals(2, doc.report().headings());
    }

    @Test
    void plainTextSplitsIntoParagraphsOnBlankLines() throws IOException {
        Path txt = write(
                "notes.txt", "Parking is free\r\nfor visitors.\r\n\r\nBadges are at the desk.\n\n\n  Lunch at noon.  ");

        ParsedDocument doc = PARSER.parse(txt, "notes.txt");

        assertEquals("text/plain", doc.mediaType());
        assertEquals(
                List.of("Parking is free for visitors.", "Badges are at the desk.", "Lunch at noon."),
                doc.blocks().stream().map(Block::text).toList());
        assertEquals(0, doc.report().pages());
    }

    @Test
    void aHostileFileNameIsOnlyATitleHint() throws IOException {
        Path md = write("upload-1", "Just a line of *text* without headings.");

        ParsedDocument doc = PARSER.parse(md, "../../etc/passwd.md");

        assertEquals("passwd", doc.title());
        assertEquals("text/markdown", doc.mediaType());
        assertEquals(
                "Just a line of text without headings.", doc.blocks().getFirst().text());
    }

    static Block blockWith(ParsedDocument doc, String fragment) {
        return doc.blocks().stream()
                .filter(b -> b.text().contains(fragment))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no block with '" + fragment + "' in " + doc.blocks()));
    }

    static String allText(ParsedDocument doc) {
        return String.join("\n", doc.blocks().stream().map(Block::text).toList());
    }

    private Path write(String name, String text) throws IOException {
        return HostileFixtures.write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }
}
