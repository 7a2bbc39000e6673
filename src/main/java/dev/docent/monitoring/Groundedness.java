package dev.docent.monitoring;

import dev.docent.answering.extractive.CitationCheck;
import dev.docent.retrieval.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge-free groundedness score: the share of an answer's sentences that cite a passage which supports them, with
 * support measured as the citation check measures it ({@link CitationCheck#support}, {@code
 * docent.answer.min-citation-support}). A sentence without a marker, or whose markers point to passages that do not
 * contain its content terms, counts as unsupported; sentences without content terms ("Yes.") are not counted.
 */
public final class Groundedness {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})\\]");
    private static final Pattern LEADING_MARKERS = Pattern.compile("^(\\s*\\[\\d{1,3}\\])+");

    private Groundedness() {}

    /** The score (0 to 1) of {@code text} whose marker [1] is {@code cited.get(0)}; null when nothing can be counted. */
    public static Double of(String text, List<Passage> cited, double minSupport) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Claim> claims = claims(text);
        int counted = 0;
        int supported = 0;
        for (Claim claim : claims) {
            if (isEmpty(claim.text)) {
                continue;
            }
            counted++;
            boolean ok = claim.markers.stream()
                    .anyMatch(n -> n >= 1
                            && n <= cited.size()
                            && CitationCheck.support(
                                            claim.text, cited.get(n - 1).content())
                                    >= minSupport);
            if (ok) {
                supported++;
            }
        }
        return counted == 0 ? null : (double) supported / counted;
    }

    /** A sentence has no content terms when every passage "supports" it, even an empty one. */
    private static boolean isEmpty(String sentence) {
        return CitationCheck.support(sentence, "") >= 1;
    }

    private record Claim(String text, List<Integer> markers) {}

    /** Sentences with their markers; markers that open a sentence ("a claim. [1] Next") belong to the one before. */
    private static List<Claim> claims(String text) {
        List<Claim> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String sentence = text.substring(start, end);
            Matcher lead = LEADING_MARKERS.matcher(sentence);
            String leading = lead.find() ? lead.group() : "";
            if (!leading.isEmpty() && !out.isEmpty()) {
                out.getLast().markers.addAll(markers(leading));
                sentence = sentence.substring(leading.length());
            }
            String plain = MARKER.matcher(sentence).replaceAll("").strip();
            if (plain.isEmpty()) {
                continue;
            }
            out.add(new Claim(plain, markers(sentence)));
        }
        return out;
    }

    private static List<Integer> markers(String s) {
        List<Integer> out = new ArrayList<>();
        Matcher m = MARKER.matcher(s);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
