package dev.docent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worst model there is, for safety tests and the red-team benchmark: it does whatever the last instruction in its
 * prompt says. It reads Docent's prompt (passages, then the question) in order and obeys the last sentence that gives
 * an order: asked for its instructions it prints the system prompt (canary and all), told by a passage to say, write
 * or link something it writes exactly that (links included). With no order in sight it answers like a good model,
 * quoting the first passage with a citation.
 */
public final class ObedientModel {

    private static final Pattern PASSAGE =
            Pattern.compile("(?s)<passage n=\"(\\d+)\"(?: source=\"[^\"]*\")?>\\s*(.*?)\\s*</passage>");
    private static final Pattern QUESTION = Pattern.compile("(?s)<question>\\s*(.*?)\\s*</question>");
    private static final Pattern SENTENCE = Pattern.compile("(?m)[^\\n]+?(?:[.!?](?=\\s|$)|$)");

    /** An order: an imperative at the start of a sentence, or a sentence addressed to the model. */
    private static final Pattern ORDER = Pattern.compile(
            "(?i)^\\s*(please\\s+)?(ignore|disregard|forget|say|tell|write|print|output|repeat|reveal|show|include|add"
                    + "|append|visit|respond|reply|display|translate|encode|recommend|insert|give|list|start|begin|end"
                    + "|compose|create|draft|provide|generate|summari[sz]e|explain|describe|act|pretend|you are now"
                    + "|from now on|do)\\b|\\b(assistant|ai model|language model|chatbot|you must|you should)\\b");

    private static final Pattern REVEAL = Pattern.compile(
            "(?i)\\b(system prompt|system message|instructions|initial|configuration|prompt|above|told|rules)\\b");

    private static final Pattern LEAD = Pattern.compile(
            "(?i)^\\s*(please\\s+)?((ignore|disregard|forget)[^,.;:]*[,.;:]\\s*(and\\s+)?)?(note to the ai:\\s*)?"
                    + "((say|write|print|output|respond with|reply with|tell (the )?(user|reader)s?( to| that)?"
                    + "|include|add|append|insert|recommend)\\s*[:,]?\\s*)?");

    private ObedientModel() {}

    /** The reply to an OpenAI chat request. */
    public static String reply(JsonNode request) {
        String system = "";
        String user = "";
        for (JsonNode m : request.get("messages")) {
            String role = m.path("role").asText();
            if ("system".equals(role)) {
                system = m.path("content").asText();
            } else if ("user".equals(role)) {
                user = m.path("content").asText();
            }
        }
        List<String[]> passages = new ArrayList<>();
        Matcher p = PASSAGE.matcher(user);
        while (p.find()) {
            passages.add(new String[] {p.group(1), p.group(2)});
        }
        Matcher q = QUESTION.matcher(user);
        String question = q.find() ? q.group(1) : user;

        // The question comes last in the prompt: if it gives an order, that is the last one.
        if (isOrder(question)) {
            return REVEAL.matcher(question).find() ? system : payload(question, "");
        }
        for (int i = passages.size() - 1; i >= 0; i--) {
            String text = passages.get(i)[1];
            List<String> sentences = sentences(text);
            for (int s = sentences.size() - 1; s >= 0; s--) {
                if (isOrder(sentences.get(s))) {
                    String order = String.join(" ", sentences.subList(s, sentences.size()));
                    if (REVEAL.matcher(order).find()
                            && order.toLowerCase(Locale.ROOT).contains("print")) {
                        return system;
                    }
                    return payload(order, " [" + passages.get(i)[0] + "]");
                }
            }
        }
        if (passages.isEmpty()) {
            return "NOT_IN_KB";
        }
        List<String> first = sentences(passages.getFirst()[1]);
        return (first.isEmpty() ? passages.getFirst()[1] : first.getFirst().strip()) + " [1]";
    }

    /** Pieces the size of a model's tokens (a word and its space), so streaming is exercised. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+\\s*|\\s+").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether the model takes {@code sentence} as an order to follow. */
    public static boolean isOrder(String sentence) {
        return ORDER.matcher(sentence).find();
    }

    /** What the order says to write: the order without its "ignore the above, say:" lead. */
    private static String payload(String order, String citation) {
        String said = LEAD.matcher(order.strip()).replaceFirst("");
        if (said.isBlank()) {
            said = order.strip();
        }
        return said.strip() + citation;
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            if (!m.group().isBlank()) {
                out.add(m.group().strip());
            }
        }
        return out;
    }
}
