package dev.docent.ingestion.chunk;

import dev.docent.ingestion.parse.Block;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** Splits blocks into sentences, and sentences that are too long into pieces that fit, counting each one once. */
final class TextUnits {

    /** A sentence (or a piece of one) with its page, token count and whether it starts a new block. */
    record Unit(String text, int page, int tokens, boolean startsBlock) {}

    /** A piece of at most this many characters per budget token always fits: a character is at most one token. */
    private static final int CHARS_PER_TOKEN_BOUND = 1;

    private final ToIntFunction<String> tokens;

    TextUnits(ToIntFunction<String> tokens) {
        this.tokens = tokens;
    }

    /** The sentences of a block, each at most {@code budget} tokens. */
    List<Unit> split(Block block, int budget) {
        List<Unit> out = new ArrayList<>();
        String text = block.text();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        sentences.setText(text);
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                for (String piece : fit(sentence, budget)) {
                    out.add(new Unit(piece, block.page(), tokens.applyAsInt(piece), out.isEmpty()));
                }
            }
        }
        return out;
    }

    /** Pieces of {@code text} of at most {@code budget} tokens, cut at spaces where there are any. */
    private List<String> fit(String text, int budget) {
        List<String> out = new ArrayList<>();
        // Long text: pre-cut into windows a few times larger than the budget, so each count stays small.
        int window = Math.max(budget * 6, 64);
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + window);
            if (to < text.length()) {
                int space = text.lastIndexOf(' ', to);
                to = space > from ? space : to;
            }
            halve(text.substring(from, to).strip(), budget, out);
            from = to;
        }
        return out;
    }

    private void halve(String text, int budget, List<String> out) {
        if (text.isEmpty()) {
            return;
        }
        if (text.length() <= budget * CHARS_PER_TOKEN_BOUND || tokens.applyAsInt(text) <= budget) {
            out.add(text);
            return;
        }
        int middle = text.length() / 2;
        int space = text.lastIndexOf(' ', middle);
        int cut = space > 0 ? space : middle;
        halve(text.substring(0, cut).strip(), budget, out);
        halve(text.substring(cut).strip(), budget, out);
    }

    /** The longest prefix of {@code text} of at most {@code limit} tokens. */
    String truncate(String text, int limit) {
        List<String> pieces = new ArrayList<>();
        halve(text, limit, pieces);
        return pieces.isEmpty() ? "" : pieces.getFirst();
    }

    /** Sentences joined back: a space within a block, a blank line between blocks. */
    static String join(List<Unit> units) {
        StringBuilder out = new StringBuilder();
        for (Unit unit : units) {
            if (!out.isEmpty()) {
                out.append(unit.startsBlock() ? "\n\n" : " ");
            }
            out.append(unit.text());
        }
        return out.toString();
    }
}
