package dev.docent.ingestion.parse;

import java.util.List;
import java.util.Objects;

/**
 * A block of body text in reading order: one paragraph, list item, table row or code block.
 *
 * @param page 1-based page (PDF page, PPTX slide) for paged formats, 0 when the format has no pages
 * @param headingPath the headings this block sits under, outermost first (e.g. {@code ["Installation", "On
 *     Debian"]}); empty before the first heading
 * @param text the block's text with whitespace collapsed to single spaces; never blank
 */
public record Block(int page, List<String> headingPath, String text) {

    public Block {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0: " + page);
        }
        headingPath = List.copyOf(headingPath);
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a block's text must not be blank");
        }
    }
}
