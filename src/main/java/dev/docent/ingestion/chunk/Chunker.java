package dev.docent.ingestion.chunk;

import dev.docent.ingestion.parse.Block;
import dev.docent.ingestion.parse.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Cuts a parsed document into chunks that follow its structure: a chunk never crosses a heading or a page (so a
 * citation names the right page), fills up with whole
 * paragraphs, then whole sentences, and splits a sentence only when one alone is too long. Sizes are counted in the
 * embedding model's own tokens, and every chunk, context line included, fits the model's window: text past it would
 * be silently ignored. Consecutive chunks of a section share an overlap of trailing sentences.
 */
public final class Chunker {

    /** Below this many tokens for content, the context line is shortened rather than the passages. */
    static final int MIN_CONTENT_TOKENS = 32;

    private final ToIntFunction<String> tokens;
    private final int maxTokens;
    private final int overlapTokens;
    private final TextUnits units;

    /**
     * @param tokens counts tokens as the embedding model does
     * @param maxTokens the most tokens a chunk may have, context line included (at most the model's window)
     * @param overlapTokens tokens of trailing sentences repeated at the start of the next chunk of a section
     */
    public Chunker(ToIntFunction<String> tokens, int maxTokens, int overlapTokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        if (maxTokens < MIN_CONTENT_TOKENS * 2) {
            throw new IllegalArgumentException("maxTokens must be at least " + MIN_CONTENT_TOKENS * 2);
        }
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be between 0 and half of maxTokens");
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.units = new TextUnits(tokens);
    }

    /** The chunks of a document, in reading order. */
    public List<Chunk> chunk(ParsedDocument document) {
        List<Chunk> chunks = new ArrayList<>();
        List<Block> blocks = document.blocks();
        int start = 0;
        while (start < blocks.size()) {
            int end = start;
            List<String> path = blocks.get(start).headingPath();
            int page = blocks.get(start).page();
            while (end < blocks.size()
                    && blocks.get(end).headingPath().equals(path)
                    && blocks.get(end).page() == page) {
                end++;
            }
            chunkSection(document.title(), path, blocks.subList(start, end), chunks);
            start = end;
        }
        return chunks;
    }

    private void chunkSection(String title, List<String> path, List<Block> blocks, List<Chunk> out) {
        String context = fitContext(title, path);
        int budget = maxTokens - tokens.applyAsInt(context);
        List<TextUnits.Unit> all = new ArrayList<>();
        for (Block block : blocks) {
            all.addAll(units.split(block, budget));
        }
        List<TextUnits.Unit> current = new ArrayList<>();
        int used = 0;
        int fresh = 0; // units in current that are not overlap from the previous chunk
        for (TextUnits.Unit unit : all) {
            if (used + unit.tokens() > budget && fresh > 0) {
                emit(context, path, current, out);
                current = overlap(current, budget - unit.tokens());
                used = current.stream().mapToInt(TextUnits.Unit::tokens).sum();
                fresh = 0;
            }
            current.add(unit);
            used += unit.tokens();
            fresh++;
        }
        if (fresh > 0) {
            emit(context, path, current, out);
        }
    }

    private List<TextUnits.Unit> overlap(List<TextUnits.Unit> previous, int room) {
        List<TextUnits.Unit> kept = new ArrayList<>();
        int total = 0;
        for (int i = previous.size() - 1; i >= 0; i--) {
            int t = previous.get(i).tokens();
            if (total + t > Math.min(overlapTokens, room)) {
                break;
            }
            kept.addFirst(previous.get(i));
            total += t;
        }
        return kept;
    }

    /** Emits a chunk, verified against the window with one exact count; drops trailing units if joining grew it. */
    private void emit(String context, List<String> path, List<TextUnits.Unit> parts, List<Chunk> out) {
        List<TextUnits.Unit> kept = new ArrayList<>(parts);
        while (true) {
            String content = TextUnits.join(kept);
            Chunk chunk = new Chunk(out.size(), kept.getFirst().page(), path, context, content, 0);
            int count = tokens.applyAsInt(chunk.embeddingText());
            if (count <= maxTokens || kept.size() == 1) {
                out.add(new Chunk(chunk.ordinal(), chunk.page(), path, context, content, count));
                if (kept.size() < parts.size()) {
                    emit(context, path, parts.subList(kept.size(), parts.size()), out);
                }
                return;
            }
            kept.removeLast();
        }
    }

    /** The context line, shortened (title dropped, then outer headings, then cut) when it would crowd out content. */
    private String fitContext(String title, List<String> path) {
        List<String> parts = new ArrayList<>();
        parts.addAll(path);
        // The title is often the first heading too: say it once.
        if (title != null
                && !title.isBlank()
                && (path.isEmpty() || !path.getFirst().equalsIgnoreCase(title.strip()))) {
            parts.addFirst(title.strip());
        }
        int limit = maxTokens - MIN_CONTENT_TOKENS;
        while (!parts.isEmpty()) {
            String context = String.join(" > ", parts);
            if (tokens.applyAsInt(context) <= limit) {
                return context;
            }
            if (parts.size() == 1) {
                return units.truncate(context, limit);
            }
            parts.removeFirst();
        }
        return "";
    }
}
