package dev.docent.answering.extractive;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content words of a text, lower-cased and lightly stemmed, so that "employees get" and "an employee gets" share
 * their terms. Deliberately simple (English stop words, suffix stripping): it must be fast, need no model, and behave
 * the same on every machine; text in other languages still yields its words, only unstemmed.
 */
public final class Terms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

    /** Words that carry no topic: function words and the question words themselves. */
    static final Set<String> STOP = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
            "into", "onto", "about", "as", "than", "then", "so", "not", "no", "nor", "is", "are", "was", "were", "be",
            "been", "being", "am", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "can", "could",
            "may", "might", "must", "shall", "should", "will", "would", "what", "which", "who", "whom", "whose", "when",
            "where", "why", "how", "this", "that", "these", "those", "it", "its", "they", "them", "their", "there",
            "here", "he", "she", "his", "her", "him", "we", "us", "our", "you", "your", "i", "me", "my", "mine",
            "yours", "some", "any", "all", "each", "every", "many", "much", "more", "most", "other", "such", "own",
            "same", "too", "very", "just", "also", "only", "up", "down", "out", "over", "under", "again", "once", "get",
            "gets", "got", "kind", "type", "name", "named", "called", "s", "t", "one", "ones", "whats", "what's",
            "who's", "it's", "during", "after", "before", "between", "through", "while", "both", "either", "neither",
            "per", "via", "yes", "well");

    private Terms() {}

    /** The distinct content terms of {@code text}, stemmed, in order of first appearance. */
    public static Set<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group().replace('’', '\'');
            if (word.endsWith("'s")) {
                word = word.substring(0, word.length() - 2);
            }
            if (!STOP.contains(word)) {
                out.add(stem(word));
            }
        }
        return out;
    }

    /** The share of {@code terms} found among {@code in} (0 when there are no terms). */
    public static double coverage(Set<String> terms, Set<String> in) {
        if (terms.isEmpty()) {
            return 0;
        }
        long found = terms.stream().filter(in::contains).count();
        return found / (double) terms.size();
    }

    /** A light suffix stemmer: plural and verb endings, then a final "e", never below four letters. */
    static String stem(String word) {
        if (word.length() <= 3 || !word.chars().allMatch(c -> c < 128 && Character.isLetter(c))) {
            return word;
        }
        String w = word;
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("ses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        } else if (w.endsWith("ing") && w.length() > 5) {
            w = trimDouble(w.substring(0, w.length() - 3));
        } else if (w.endsWith("ed") && w.length() > 4) {
            w = trimDouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("e") && w.length() > 3) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** "stopp" → "stop", so "stopped" and "stop" meet. */
    private static String trimDouble(String stem) {
        int n = stem.length();
        if (n >= 2 && stem.charAt(n - 1) == stem.charAt(n - 2) && "lsz".indexOf(stem.charAt(n - 1)) < 0) {
            return stem.substring(0, n - 1);
        }
        return stem;
    }
}
