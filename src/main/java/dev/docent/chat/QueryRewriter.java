package dev.docent.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a follow-up ("and for part-time staff?") into a question that stands alone, by a simple rule: a short question,
 * or one that leans on the previous one (a pronoun, "and", "what about"), is searched together with the previous
 * question. A language model does this better; this rule serves when none is configured.
 */
@ApplicationScoped
public class QueryRewriter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> REFERRING = Set.of(
            "it", "its", "they", "them", "their", "this", "that", "these", "those", "he", "she", "his", "her", "there");

    /** The query to search for {@code question}, given the previous standalone query (or null). */
    public String rewrite(String question, String previous) {
        if (previous == null || previous.isBlank()) {
            return question;
        }
        String lower = question.toLowerCase(Locale.ROOT).strip();
        long words = WORD.matcher(lower).results().count();
        boolean leans = lower.startsWith("and ")
                || lower.startsWith("what about")
                || lower.startsWith("how about")
                || WORD.matcher(lower).results().map(m -> m.group()).anyMatch(REFERRING::contains);
        return words <= 4 || leans ? previous + " " + question : question;
    }
}
