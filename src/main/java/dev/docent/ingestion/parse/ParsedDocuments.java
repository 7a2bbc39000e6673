package dev.docent.ingestion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/** Judges what a parse collected (is there usable text?) and assembles the {@link ParsedDocument}. */
final class ParsedDocuments {

    /** Below this average a PDF's "text" is page numbers or stray marks on scanned pages. */
    static final int MIN_CHARACTERS_PER_PAGE = 20;

    /** Below this a PDF of any length has nothing worth indexing. */
    static final int MIN_CHARACTERS_PER_PDF = 10;

    private ParsedDocuments() {}

    /** Whether a PDF's text is too thin to be a text layer: a scan, which only OCR can read. */
    static boolean needsOcr(SupportedFormat format, BlockCollector collector) {
        int pages = collector.pages();
        long characters = collector.characters();
        return format == SupportedFormat.PDF
                && pages > 0
                && (characters < MIN_CHARACTERS_PER_PDF || characters < (long) MIN_CHARACTERS_PER_PAGE * pages);
    }

    /** A scanned PDF from what OCR read. */
    static ParsedDocument fromOcr(
            String fileName, int pages, PdfOcr.Result ocr, long startedNanos, SupportedFormat format) {
        if (ocr.blocks().isEmpty()) {
            throw Rejections.ocrFoundNothing(pages, ocr.report());
        }
        long characters =
                ocr.blocks().stream().mapToLong(b -> b.text().length()).sum();
        int emptyPages = pages
                - (int) ocr.blocks().stream().mapToInt(Block::page).distinct().count();
        String firstLine = ocr.blocks().getFirst().text();
        // An OCR'd first line is a title only when it is short, like a heading; otherwise the file name.
        String title = DocumentTitle.choose(null, firstLine.length() <= 80 ? firstLine : null, fileName);
        ParseReport report = new ParseReport(
                pages,
                characters,
                emptyPages,
                0,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
                ocr.report());
        return new ParsedDocument(title, format.mediaType(), ocr.blocks(), report);
    }

    /**
     * @throws DocumentRejectedException NO_TEXT_LAYER for a PDF without real text, EMPTY when there are no blocks
     */
    static ParsedDocument assemble(
            SupportedFormat format, String fileName, Metadata metadata, BlockCollector collector, long startedNanos) {
        int pages = collector.pages();
        long characters = collector.characters();
        if (needsOcr(format, collector)) {
            throw Rejections.noTextLayer(pages, characters);
        }
        if (collector.blocks().isEmpty()) {
            throw Rejections.noText(format);
        }
        String title = DocumentTitle.choose(
                metadata.get(TikaCoreProperties.TITLE),
                collector.firstHeading(),
                fileName,
                collector.blocks().getFirst().text());
        ParseReport report = new ParseReport(
                pages,
                characters,
                collector.emptyPages(),
                collector.headings(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        List<Block> blocks = collector.blocks();
        if (format == SupportedFormat.EMAIL) {
            blocks = withMailHeaders(metadata, blocks);
        }
        return new ParsedDocument(title, format.mediaType(), blocks, report, collector.hidden());
    }

    /** Who wrote a mail, to whom and when: one searchable line before the body (the subject is the title). */
    private static List<Block> withMailHeaders(Metadata metadata, List<Block> body) {
        List<String> parts = new ArrayList<>();
        for (var header : List.of(
                Map.entry("From", "Message-From"), Map.entry("To", "Message-To"), Map.entry("Cc", "Message-Cc"))) {
            String[] values = metadata.getValues(header.getValue());
            if (values.length > 0) {
                parts.add(header.getKey() + ": " + String.join(", ", values));
            }
        }
        String date = metadata.get(TikaCoreProperties.CREATED);
        if (date != null) {
            parts.add("Date: " + date);
        }
        if (parts.isEmpty()) {
            return body;
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(0, List.of(), String.join(" · ", parts)));
        blocks.addAll(body);
        return blocks;
    }
}
