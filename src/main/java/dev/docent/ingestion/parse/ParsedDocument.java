package dev.docent.ingestion.parse;

import java.util.List;
import java.util.Objects;

/**
 * The text of one uploaded document, split into blocks that keep the page and headings citations need.
 *
 * @param title the document's metadata title, else its first heading, else the file name without extension
 * @param mediaType the format detected from the content, e.g. {@code application/pdf}
 * @param blocks body text in reading order; never empty
 * @param report counts and timing for the ingestion report
 * @param hidden text the blocks carry but a reader of the original never sees (HTML styled away); the safety scan
 *     flags the chunks that carry it
 */
public record ParsedDocument(
        String title, String mediaType, List<Block> blocks, ParseReport report, List<HiddenRun> hidden) {

    public ParsedDocument {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(mediaType, "mediaType");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(report, "report");
        hidden = List.copyOf(hidden);
    }

    /** A document without hidden text. */
    public ParsedDocument(String title, String mediaType, List<Block> blocks, ParseReport report) {
        this(title, mediaType, blocks, report, List.of());
    }
}
