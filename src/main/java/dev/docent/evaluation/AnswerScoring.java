package dev.docent.evaluation;

import dev.docent.answering.extractive.CitationCheck;
import dev.docent.retrieval.Passage;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judge-free scores of one answer: containment and token F1 against an expected answer (SQuAD's normalization), the
 * rank of the first expected document, and how well the answer's citations support its sentences ({@link
 * CitationCheck#support}).
 */
final class AnswerScoring {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})\\]");
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");

    private AnswerScoring() {}

    /** Lower case, no accents, punctuation, articles or markers; single spaces (SQuAD's answer normalization). */
    static String normalize(String text) {
        String plain = MARKER.matcher(text).replaceAll(" ");
        plain = Normalizer.normalize(plain, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        plain = PUNCTUATION.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ");
        plain = ARTICLES.matcher(plain).replaceAll(" ");
        return String.join(" ", tokens(plain));
    }

    private static List<String> tokens(String normalized) {
        return Arrays.stream(normalized.strip().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Whether the answer contains the expected answer, word for word after normalization. */
    static boolean contains(String answer, String expected) {
        String e = normalize(expected);
        if (e.isEmpty()) {
            return true;
        }
        return (" " + normalize(answer) + " ").contains(" " + e + " ");
    }

    /** Token-overlap F1 of the answer and the expected answer (SQuAD's). */
    static double tokenF1(String answer, String expected) {
        List<String> a = tokens(normalize(answer));
        List<String> e = tokens(normalize(expected));
        if (a.isEmpty() || e.isEmpty()) {
            return a.isEmpty() && e.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        e.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (String t : a) {
            Integer left = counts.get(t);
            if (left != null && left > 0) {
                common++;
                counts.put(t, left - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = common / (double) a.size();
        double recall = common / (double) e.size();
        return 2 * precision * recall / (precision + recall);
    }

    /**
     * The 1-based rank of the first expected document among the distinct documents of {@code retrieved}, 0 when none
     * is there, null when nothing is expected.
     */
    static Integer documentRank(List<UUID> retrievedDocuments, Set<UUID> expected) {
        if (expected.isEmpty()) {
            return null;
        }
        int rank = 0;
        for (UUID id : new LinkedHashSet<>(retrievedDocuments)) {
            rank++;
            if (expected.contains(id)) {
                return rank;
            }
        }
        return 0;
    }

    /**
     * How the answer's citations hold up.
     *
     * @param supported markers whose passage supports their sentence
     * @param markers all markers
     * @param grounded sentences with a marker whose passage supports them
     * @param sentences all sentences with words in them
     */
    record Support(int supported, int markers, int grounded, int sentences) {}

    /** Checks each sentence of {@code text} against the passages it cites ([1] is {@code cited.get(0)}). */
    static Support support(String text, List<Passage> cited, double minSupport) {
        int supported = 0;
        int markers = 0;
        int grounded = 0;
        int sentences = 0;
        for (String sentence : sentences(text)) {
            String plain = MARKER.matcher(sentence).replaceAll("").strip();
            if (normalize(plain).isEmpty()) {
                continue;
            }
            sentences++;
            boolean any = false;
            Matcher m = MARKER.matcher(sentence);
            while (m.find()) {
                markers++;
                int n = Integer.parseInt(m.group(1));
                if (n >= 1
                        && n <= cited.size()
                        && CitationCheck.support(plain, cited.get(n - 1).content()) >= minSupport) {
                    supported++;
                    any = true;
                }
            }
            grounded += any ? 1 : 0;
        }
        return new Support(supported, markers, grounded, sentences);
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(text.substring(start, end));
        }
        return out;
    }
}
