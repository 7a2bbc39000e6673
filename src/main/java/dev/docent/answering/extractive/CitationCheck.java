package dev.docent.answering.extractive;

import dev.docent.retrieval.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a citation only where the cited passage supports the sentence it follows: enough of the sentence's content
 * terms must be in the passage ({@code docent.answer.min-citation-support}, measured with {@code make bench-answer}).
 * A model that cites [2] for a claim passage 2 never makes loses that marker; the rest are renumbered in order of
 * first use, like {@code CitationFilter} does.
 */
public final class CitationCheck {

    private static final Pattern MARKER = Pattern.compile("(\\s*)\\[(\\d{1,3})\\]");
    private static final Pattern LEADING_MARKERS = Pattern.compile("^(\\s*\\[\\d{1,3}\\])+");

    /**
     * An answer after the check.
     *
     * @param text the answer with unsupported markers removed and the others renumbered
     * @param cited the passages behind the remaining markers ([1] first)
     * @param kept markers that stayed
     * @param removed markers taken out
     */
    public record Checked(String text, List<Passage> cited, int kept, int removed) {}

    private CitationCheck() {}

    /** The share (0 to 1) of {@code sentence}'s content terms found in {@code passage}; 1 for a sentence without any. */
    public static double support(String sentence, String passage) {
        Set<String> terms = Terms.of(sentence);
        return terms.isEmpty() ? 1 : Terms.coverage(terms, Terms.of(passage));
    }

    /**
     * Checks every marker of {@code text} ([1] is {@code cited.get(0)}) against the sentence it belongs to: the one it
     * ends, or, for markers that open a sentence ("... a claim. [1] Next"), the one before.
     */
    public static Checked check(String text, List<Passage> cited, double minSupport) {
        if (text == null || text.isEmpty()) {
            return new Checked(text == null ? "" : text, List.of(), 0, 0);
        }
        List<String> sentences = split(text);
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        int kept = 0;
        int removed = 0;
        String previous = "";
        for (String sentence : sentences) {
            Matcher lead = LEADING_MARKERS.matcher(sentence);
            String leading = lead.find() ? lead.group() : "";
            String plain = MARKER.matcher(sentence).replaceAll("").strip();
            StringBuilder rebuilt = new StringBuilder();
            Matcher m = MARKER.matcher(sentence);
            int last = 0;
            while (m.find()) {
                rebuilt.append(sentence, last, m.start());
                int n = Integer.parseInt(m.group(2));
                String claim = m.end() <= leading.length() && !previous.isBlank() ? previous : plain;
                if (n >= 1
                        && n <= cited.size()
                        && support(claim, cited.get(n - 1).content()) >= minSupport) {
                    int shown = numbers.computeIfAbsent(n, k -> numbers.size() + 1);
                    rebuilt.append(m.group(1)).append('[').append(shown).append(']');
                    kept++;
                } else {
                    removed++;
                }
                last = m.end();
            }
            rebuilt.append(sentence.substring(last));
            out.append(rebuilt);
            if (!plain.isBlank()) {
                previous = plain;
            }
        }
        List<Passage> passages =
                numbers.keySet().stream().map(n -> cited.get(n - 1)).toList();
        return new Checked(out.toString(), passages, kept, removed);
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(text.substring(start, end));
        }
        return out;
    }
}
