package dev.docent.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyword half of a search: a question's content words, for a ranked OR (any word may match; BM25 ranks how well).
 * An AND of every word, as {@code websearch_to_tsquery} builds, finds nothing as soon as one word of the question is
 * missing from the passage. Only runs of letters and digits survive, so quotes, operators ({@code & | ! :* <->}) and
 * emoji in a question can never reach {@code to_tsquery}'s syntax; PostgreSQL stems the words ({@code english}).
 */
public final class KeywordQuery {

    /** Distinct words kept from one question: a 4,000-character question still costs a bounded search. */
    static final int MAX_TERMS = 32;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*");

    /** PostgreSQL's {@code english} stop words (snowball's list), which {@code to_tsquery} would drop anyway. */
    static final Set<String> STOP_WORDS = Set.of(
            "i",
            "me",
            "my",
            "myself",
            "we",
            "our",
            "ours",
            "ourselves",
            "you",
            "your",
            "yours",
            "yourself",
            "yourselves",
            "he",
            "him",
            "his",
            "himself",
            "she",
            "her",
            "hers",
            "herself",
            "it",
            "its",
            "itself",
            "they",
            "them",
            "their",
            "theirs",
            "themselves",
            "what",
            "which",
            "who",
            "whom",
            "this",
            "that",
            "these",
            "those",
            "am",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "have",
            "has",
            "had",
            "having",
            "do",
            "does",
            "did",
            "doing",
            "a",
            "an",
            "the",
            "and",
            "but",
            "if",
            "or",
            "because",
            "as",
            "until",
            "while",
            "of",
            "at",
            "by",
            "for",
            "with",
            "about",
            "against",
            "between",
            "into",
            "through",
            "during",
            "before",
            "after",
            "above",
            "below",
            "to",
            "from",
            "up",
            "down",
            "in",
            "out",
            "on",
            "off",
            "over",
            "under",
            "again",
            "further",
            "then",
            "once",
            "here",
            "there",
            "when",
            "where",
            "why",
            "how",
            "all",
            "any",
            "both",
            "each",
            "few",
            "more",
            "most",
            "other",
            "some",
            "such",
            "no",
            "nor",
            "not",
            "only",
            "own",
            "same",
            "so",
            "than",
            "too",
            "very",
            "s",
            "t",
            "can",
            "will",
            "just",
            "don",
            "should",
            "now");

    private final List<String> terms;

    private KeywordQuery(List<String> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The content words of {@code question}, lower-cased, in order of first appearance, without repeats. */
    public static KeywordQuery of(String question) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(question == null ? "" : question);
        while (m.find() && words.size() < MAX_TERMS) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (!STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return new KeywordQuery(new ArrayList<>(words));
    }

    /** The words kept. */
    public List<String> terms() {
        return terms;
    }

    /** True when nothing is left to search for (only stop words, punctuation or emoji). */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Input for {@code to_tsquery('english', ?)}: every word quoted, joined by OR. */
    public String orQuery() {
        return String.join(" | ", terms.stream().map(t -> "'" + t + "'").toList());
    }

    /** Input for {@code to_tsvector('english', ?)}: the words, to look up their statistics. */
    public String words() {
        return String.join(" ", terms);
    }
}
