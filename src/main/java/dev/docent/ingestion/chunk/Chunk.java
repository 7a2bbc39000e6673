package dev.docent.ingestion.chunk;

import java.util.List;

/**
 * A passage of a document, small enough for the embedding model to read whole.
 *
 * @param ordinal position in the document, from 0
 * @param page the page it starts on (1-based), 0 for formats without pages
 * @param headingPath the headings it sits under
 * @param context "Title > Heading > Subheading", embedded and searched with the content
 * @param content the passage itself
 * @param tokenCount tokens of {@link #embeddingText()} in the embedding model's own tokenizer
 */
public record Chunk(int ordinal, int page, List<String> headingPath, String context, String content, int tokenCount) {

    /** What the embedding model reads: the context line, then the passage. */
    public String embeddingText() {
        return context + "\n" + content;
    }
}
