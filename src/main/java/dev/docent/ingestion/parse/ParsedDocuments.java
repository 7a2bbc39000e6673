package dev.docent.ingestion.parse;

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

    /**
     * @throws DocumentRejectedException NO_TEXT_LAYER for a PDF without real text, EMPTY when there are no blocks
     */
    static ParsedDocument assemble(
            SupportedFormat format, String fileName, Metadata metadata, BlockCollector collector, long startedNanos) {
        int pages = collector.pages();
        long characters = collector.characters();
        if (format == SupportedFormat.PDF
                && pages > 0
                && (characters < MIN_CHARACTERS_PER_PDF || characters < (long) MIN_CHARACTERS_PER_PAGE * pages)) {
            throw Rejections.noTextLayer(pages, characters);
        }
        if (collector.blocks().isEmpty()) {
            throw Rejections.noText(format);
        }
        String title = DocumentTitle.choose(metadata.get(TikaCoreProperties.TITLE), collector.firstHeading(), fileName);
        ParseReport report = new ParseReport(
                pages,
                characters,
                collector.emptyPages(),
                collector.headings(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        return new ParsedDocument(title, format.mediaType(), collector.blocks(), report);
    }
}
