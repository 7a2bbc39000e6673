package dev.docent.answering.extractive;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a follow-up ("and for part-time staff?", "when was he born?", "why?") from a question that stands alone, so
 * that only the first is searched together with the conversation's previous query. A self-contained question is never
 * merged: merging made "How many visitor parking spaces are there behind building C?" retrieve the previous
 * question's passages and repeat its answer word for word.
 */
public final class FollowUps {

    /** A merged query keeps at most this many characters of the previous one (its end: the latest question). */
    static final int MAX_PREVIOUS = 1000;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'’-]+");
    private static final Pattern LEANS_ON_PREVIOUS = Pattern.compile(
            "^(and|or|but|also|so|then|plus|what about|how about|what if|same for|same with|and what about)\\b"
                    + "|\\b(what|anything|who|where|how) else\\b|\\bthe same\\b|\\b(tell me more|more details"
                    + "|elaborate|explain that|why not|instead)\\b");
    private static final Set<String> QUESTION_WORDS = Set.of(
            "what",
            "which",
            "who",
            "whom",
            "whose",
            "when",
            "where",
            "why",
            "how",
            "is",
            "are",
            "do",
            "does",
            "did",
            "can",
            "could",
            "should",
            "would",
            "will",
            "may",
            "was",
            "were",
            "has",
            "have",
            "list",
            "explain",
            "describe",
            "define",
            "name",
            "give",
            "show",
            "find",
            "tell");
    /** Pronouns that point back to something said before. */
    private static final Set<String> REFERRING = Set.of(
            "it", "its", "they", "them", "their", "theirs", "he", "she", "his", "her", "hers", "him", "this", "that",
            "these", "those", "there", "such");
    /** "is there", "are there", "there are": the existential "there" refers to nothing. */
    private static final Pattern EXISTENTIAL_THERE =
            Pattern.compile("\\b(is|are|was|were|will|be|been|any|isn't|aren't|wasn't|weren't) there\\b|^there\\b"
                    + "|\\bthere (is|are|was|were|will|has|have|had|'s|exist)");
    /** "does it take to renew", "is it possible to", "is it true that": a dummy "it" with its subject after it. */
    private static final Pattern DUMMY_IT = Pattern.compile("\\bit\\b.*\\b(to|that|whether)\\b\\s+\\p{L}+");

    private FollowUps() {}

    /** Whether {@code question} only makes sense with the conversation before it. */
    public static boolean dependsOnConversation(String question) {
        if (question == null || question.isBlank()) {
            return false;
        }
        String lower = question.toLowerCase(Locale.ROOT).replace('’', '\'').strip();
        if (LEANS_ON_PREVIOUS.matcher(lower).find()) {
            return true;
        }
        List<String> words = WORD.matcher(lower)
                .results()
                .map(java.util.regex.MatchResult::group)
                .toList();
        if (words.isEmpty()) {
            return false;
        }
        if (isFragment(words)) {
            return true;
        }
        return refersBack(lower, words);
    }

    /**
     * The query to search for {@code question}: itself when it stands alone, else the previous query followed by it
     * (the previous query's end when that is long, so follow-ups on follow-ups stay within search limits).
     */
    public static String standalone(String question, String previous) {
        if (previous == null || previous.isBlank() || !dependsOnConversation(question)) {
            return question;
        }
        String before = previous.strip();
        if (before.length() > MAX_PREVIOUS) {
            before = before.substring(before.length() - MAX_PREVIOUS);
            int space = before.indexOf(' ');
            before = space > 0 ? before.substring(space + 1) : before;
        }
        return before + " " + question;
    }

    /** "Why?", "For part-time staff?", "Tell me more": too short to carry a topic, not a "what is X?" question. */
    private static boolean isFragment(List<String> words) {
        long content = words.stream().filter(w -> !Terms.STOP.contains(w)).count();
        if (words.size() <= 2) {
            // "What is RAG?" has three words; "Why?", "How come?", "Parking spaces?" lean on what came before.
            return !(words.size() == 2
                    && QUESTION_WORDS.contains(words.getFirst())
                    && content >= 1
                    && !REFERRING.contains(words.getLast()));
        }
        return words.size() <= 4 && content <= 2 && !QUESTION_WORDS.contains(words.getFirst());
    }

    /** A pronoun with nothing in the question before it that it could stand for. */
    private static boolean refersBack(String lower, List<String> words) {
        int contentBefore = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (REFERRING.contains(w) && !isExempt(w, i, words, lower)) {
                // Two content words before it ("do employees request leave when they...") can be what it stands for.
                return contentBefore < 2;
            }
            if (!Terms.STOP.contains(w)) {
                contentBefore++;
            }
        }
        return false;
    }

    private static boolean isExempt(String w, int i, List<String> words, String lower) {
        return switch (w) {
            case "there" -> EXISTENTIAL_THERE.matcher(lower).find();
            case "it" -> DUMMY_IT.matcher(lower).find() && !lower.matches(".*\\bit\\W*$");
            // "that" joining a clause ("the form that managers sign") refers to the noun before it.
            case "that" -> i > 0 && i < words.size() - 1 && !Terms.STOP.contains(words.get(i - 1));
            // "this policy", "these rules", "he", "they": point back unless the question names them before.
            default -> false;
        };
    }
}
