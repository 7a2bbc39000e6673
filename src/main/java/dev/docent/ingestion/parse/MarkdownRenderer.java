package dev.docent.ingestion.parse;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders Markdown to an HTML page, so that {@code #} headings reach the block collector as h1..h6 like any other
 * format's headings.
 *
 * <p>Raw HTML inside the Markdown is passed through to Tika's HTML parser, which only extracts text (scripts and
 * styles are dropped, nothing is fetched or run); escaping it instead would index the tags as words.
 */
final class MarkdownRenderer {

    // Both are immutable and documented as thread-safe.
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().build();

    /**
     * Reads the Markdown (charset detected as for any text file) and returns it as a UTF-8 HTML page.
     *
     * @throws WriteLimitReachedException when the source has more than {@code maxCharacters} characters
     */
    byte[] render(Path file, long maxCharacters) throws IOException, TikaException, WriteLimitReachedException {
        String markdown = read(file, maxCharacters);
        String body = renderer.render(parser.parse(markdown));
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"></head><body>\n" + body + "</body></html>";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path file, long maxCharacters)
            throws IOException, TikaException, WriteLimitReachedException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        try (TikaInputStream in = TikaInputStream.get(file);
                Reader reader = new AutoDetectReader(in)) {
            for (int n = reader.read(chunk); n >= 0; n = reader.read(chunk)) {
                // Counted before rendering: the source is close to the text length, and this bounds memory.
                if (text.length() + n > maxCharacters) {
                    throw new WriteLimitReachedException((int) Math.min(maxCharacters, Integer.MAX_VALUE));
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("parse cancelled");
                }
                text.append(chunk, 0, n);
            }
        }
        return text.toString();
    }
}
