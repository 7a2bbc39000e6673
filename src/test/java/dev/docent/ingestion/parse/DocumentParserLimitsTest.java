package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.ingestion.parse.DocumentRejectedException.Reason;
import dev.docent.testing.HostileFixtures;
import dev.docent.testing.OfficeFixtures;
import dev.docent.testing.PdfFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

class DocumentParserLimitsTest {

    @TempDir
    Path dir;

    @Test
    void textBeyondTheCharacterLimitIsRefusedAsTooMuchText() throws IOException {
        DocumentParser parser = new DocumentParser(new ParseLimits(1_000, Duration.ofSeconds(30)));
        Path txt = write("long.txt", "All work and no play. ".repeat(100));

        DocumentRejectedException e =
                assertThrows(DocumentRejectedException.class, () -> parser.parse(txt, "long.txt"));

        assertEquals(Reason.TOO_MUCH_TEXT, e.reason());
        assertTrue(e.getMessage().contains("1,000 characters"), e.getMessage());
    }

    @Test
    void pdfAndWordTextBeyondTheLimitIsRefusedToo() throws IOException {
        DocumentParser parser = new DocumentParser(new ParseLimits(60, Duration.ofSeconds(30)));
        String sentence = "This sentence is forty-four characters long.";
        Path pdf = PdfFixtures.pdf(dir, "Long", sentence, sentence);
        Path docx = OfficeFixtures.docx(dir, sentence, sentence);

        assertEquals(
                Reason.TOO_MUCH_TEXT,
                assertThrows(DocumentRejectedException.class, () -> parser.parse(pdf, "a.pdf"))
                        .reason());
        assertEquals(
                Reason.TOO_MUCH_TEXT,
                assertThrows(DocumentRejectedException.class, () -> parser.parse(docx, "a.docx"))
                        .reason());
    }

    @Test
    void oneFiveMegabyteLineWithoutSentencesStillParses() throws IOException {
        String line = "x".repeat(5 * 1024 * 1024);
        Path txt = write("dump.txt", line);

        ParsedDocument doc = new DocumentParser(ParseLimits.defaults()).parse(txt, "dump.txt");

        assertEquals(
                line.length(),
                doc.blocks().stream().mapToInt(b -> b.text().length()).sum());
        assertEquals(line.length(), doc.report().characters());
    }

    @Test
    void aParseThatHangsIsAbandonedAfterTheTimeout() throws IOException {
        DocumentParser parser =
                new DocumentParser(new ParseLimits(1_000, Duration.ofMillis(300)), new SleepingParser());
        Path txt = write("slow.txt", "Some text");

        DocumentRejectedException e = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(DocumentRejectedException.class, () -> parser.parse(txt, "slow.txt")));

        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
    }

    @Test
    void parsersStuckBeyondTheTimeoutNeverHoldMoreThanTheFixedThreads() throws IOException {
        StuckParser stuck = new StuckParser();
        DocumentParser parser = new DocumentParser(new ParseLimits(1_000, Duration.ofMillis(200)), stuck);
        Path txt = write("poison.txt", "Some text");
        try {
            DocumentRejectedException last = null;
            for (int i = 0; i < DocumentParser.PARSE_THREADS + 3; i++) {
                last = assertThrows(DocumentRejectedException.class, () -> parser.parse(txt, "poison.txt"));
                assertEquals(Reason.TIMEOUT, last.reason());
            }
            assertEquals(DocumentParser.PARSE_THREADS, stuck.entered.get(), "queued parses never started a new thread");
            assertTrue(last.getMessage().contains("busy"), last.getMessage());

            stuck.release.countDown();
            ParsedDocument doc = parser.parse(txt, "poison.txt");
            assertEquals(
                    "parsed after all", doc.blocks().getFirst().text(), "the parser recovers once threads free up");
        } finally {
            stuck.release.countDown();
        }
    }

    @Test
    void supportedMediaTypesNameTheAcceptedFormats() {
        Set<String> types = DocumentParser.supportedMediaTypes();

        assertTrue(types.containsAll(Set.of(
                "application/pdf",
                "text/markdown",
                "text/plain",
                "text/html",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")));
        assertEquals(SupportedFormat.values().length, types.size());
    }

    private Path write(String name, String text) throws IOException {
        return HostileFixtures.write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sleeps for a minute, as a parser waiting on a lock or a slow disk would; stops when interrupted. */
    private static final class SleepingParser extends TestParser {
        @Override
        void work(XHTMLContentHandler xhtml) throws SAXException {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new SAXException("interrupted");
            }
        }
    }

    /** Loops, ignoring interrupts, until released: the worst case, a parser stuck in a loop without SAX events. */
    private static final class StuckParser extends TestParser {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger entered = new AtomicInteger();

        @Override
        void work(XHTMLContentHandler xhtml) throws SAXException {
            if (release.getCount() > 0) {
                entered.incrementAndGet();
            }
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ignored) {
                    // deliberately stuck
                }
            }
            xhtml.element("p", "parsed after all");
        }
    }

    private abstract static class TestParser implements Parser {
        abstract void work(XHTMLContentHandler xhtml) throws SAXException;

        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.TEXT_PLAIN);
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws SAXException {
            XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
            xhtml.startDocument();
            work(xhtml);
            xhtml.endDocument();
        }
    }
}
